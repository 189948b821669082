"""`python main.py sample`: images from a run's last checkpoint, as an array or a picture."""
import sys
from pathlib import Path

from gan_tdd.checks import UsageError
from gan_tdd.runs import model_from_settings, read_settings


def sample(args):
    """Write `--count` images from the run's last checkpoint to `--output` (.npy or .png)."""
    import numpy as np
    import tensorflow as tf

    from gan_tdd.checkpoints import Checkpointer
    from gan_tdd.dataset import fixed_noise
    from gan_tdd.images import save_grid

    output = Path(args.output)
    if output.suffix not in (".npy", ".png"):
        raise UsageError(f"--output must end in .npy or .png, got {args.output}")
    if output.exists() and not args.overwrite:
        raise UsageError(f"--output {output} exists already: pass --overwrite to replace it")
    if not output.parent.is_dir():
        raise UsageError(f"argument --output: the directory {output.parent} does not exist")
    try:
        settings = read_settings(args.run)
    except (FileNotFoundError, ValueError) as error:
        raise UsageError(str(error)) from None
    model = model_from_settings(settings, tuple(settings["image_shape"]))
    checkpointer = Checkpointer(model, Path(args.run) / "checkpoints")
    noise = fixed_noise(args.count, settings["noise_dim"], args.seed)
    with tf.compat.v1.Session(graph=model.graph) as session:
        try:
            checkpointer.restore(session)
        except FileNotFoundError as error:
            raise UsageError(str(error)) from None
        images = model.generate(session, noise)
    if output.suffix == ".npy":
        np.save(output, images.astype(np.float32))
    else:
        save_grid(images, output)
    print(f"wrote {args.count} images to {output}", file=sys.stderr)
    return 0
