"""`python main.py restore`: damaged images restored by an image-to-image run's last checkpoint."""
import sys
from pathlib import Path

from gan_tdd.cli.flags import restore_parser
from gan_tdd.cli.settings import RunSettings
from gan_tdd.cli.usage import UsageError, checked_output


def read_damaged(path, image_shape):
    """The images of a .npy file as float32 in [-1, 1], checked against the run's image shape."""
    import numpy as np

    from gan_tdd.data import as_gan_images

    try:
        images = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as error:
        raise UsageError(f"argument --input: {path} is not a .npy array ({error})") from None
    if not isinstance(images, np.ndarray):  # an .npz archive
        raise UsageError(f"argument --input: {path} is not a .npy array but an archive of several")
    if images.ndim == len(image_shape) and image_shape[-1] == 1:
        images = images[..., None]  # grey images without their channel axis
    try:
        images = as_gan_images(images, f"the images of {path}")
    except ValueError as error:
        raise UsageError(f"argument --input: {error}") from None
    if list(images.shape[1:]) != list(image_shape):
        raise UsageError(f"argument --input: {path} holds images of shape {tuple(images.shape[1:])}; "
                         f"the run restores {tuple(image_shape)}")
    return images


def restore(argv):
    """Write the restorations of `--input`'s images to `--output` (.npy, or .png: damaged | restored).

    The flags, the output path, the input file, the run's settings.json and its checkpoint index
    are checked before TensorFlow loads: a mistake costs one line and about a second.
    """
    args = restore_parser().parse_args(argv)
    output = checked_output(args.output, args.overwrite)
    if not Path(args.input).is_file():
        raise UsageError(f"argument --input: {args.input} does not exist")
    try:
        settings = RunSettings.read(args.run)
    except (FileNotFoundError, ValueError) as error:
        raise UsageError(f"argument --run: {error}") from None
    if settings.model != "image-to-image":
        raise UsageError(f"argument --run: the run's model, {settings.model}, restores nothing "
                         "(train with --model image-to-image); draw its images with main.py sample")
    checkpoints = Path(args.run) / "checkpoints"
    if not (checkpoints / "checkpoint").is_file():
        raise UsageError(f"argument --run: {args.run} holds no checkpoint yet")
    damaged = read_damaged(args.input, settings.image_shape)

    import numpy as np
    from gan_tdd.quiet_tensorflow import tf

    from gan_tdd.checkpoints import Checkpointer
    from gan_tdd.images import save_grid

    model = settings.build_model()
    with tf.compat.v1.Session(graph=model.graph) as session:
        try:
            Checkpointer(model, checkpoints).restore(session)
        except FileNotFoundError as error:
            raise UsageError(f"argument --run: {error}") from None
        restored = model.restore(session, damaged)
    if output.suffix == ".npy":
        np.save(output, restored.astype(np.float32))
    else:
        save_grid(np.stack([damaged, restored], axis=1).reshape(-1, *damaged.shape[1:]), output, columns=2)
    print(f"wrote {len(restored)} restored images to {output}", file=sys.stderr)
    return 0
