"""`python main.py sample`: images from a run's last checkpoint, as an array or a picture."""
import sys
from pathlib import Path

from gan_tdd.cli.flags import sample_parser
from gan_tdd.cli.settings import LABELLED_MODELS, POINT_SETS, RunSettings
from gan_tdd.cli.usage import UsageError, checked_output


def sample(argv):
    """Write `--count` images from the run's last checkpoint to `--output` (.npy or .png).

    The flags, the output path, the run's settings.json and its checkpoint index are checked
    before TensorFlow loads: a mistake costs one line and about a second.
    """
    args = sample_parser().parse_args(argv)
    output = checked_output(args.output, args.overwrite)
    try:
        settings = RunSettings.read(args.run)
    except (FileNotFoundError, ValueError) as error:
        raise UsageError(f"argument --run: {error}") from None
    if settings.model == "image-to-image":
        raise UsageError("argument --run: the run's model, image-to-image, draws nothing from noise: "
                         "restore damaged images with main.py restore")
    checkpoints = Path(args.run) / "checkpoints"
    if not (checkpoints / "checkpoint").is_file():
        raise UsageError(f"argument --run: {args.run} holds no checkpoint yet")
    if args.digit is not None and settings.model not in LABELLED_MODELS:
        raise UsageError(f"argument --digit: the run's model, {settings.model}, draws no labels "
                         "(train with --model conditional or acgan)"
                         + ("; choose its code with --code" if settings.model == "infogan" else ""))
    if args.code is not None and settings.model != "infogan":
        raise UsageError(f"argument --code: the run's model, {settings.model}, has no code "
                         "(train with --model infogan)"
                         + ("; choose its class with --digit" if settings.model in LABELLED_MODELS else ""))
    if args.digit is not None and args.digit >= settings.classes:
        raise UsageError(f"argument --digit: the run's classes are 0 to {settings.classes - 1}, got {args.digit}")
    if args.code is not None and args.code > 9:
        raise UsageError(f"argument --code: must be 0 to 9, got {args.code}")

    import numpy as np
    from gan_tdd.quiet_tensorflow import tf

    from gan_tdd.checkpoints import Checkpointer
    from gan_tdd.data import fixed_noise
    from gan_tdd.images import save_grid

    model = settings.build_model()
    checkpointer = Checkpointer(model, checkpoints)
    noise = fixed_noise(args.count, settings.noise_dim, args.seed)
    with tf.compat.v1.Session(graph=model.graph) as session:
        try:
            checkpointer.restore(session)
        except FileNotFoundError as error:
            raise UsageError(f"argument --run: {error}") from None
        images = model.generate(session, noise, **_choice(args, model))
    points = settings.data in POINT_SETS
    if output.suffix == ".npy":
        np.save(output, images.astype(np.float32))
    elif points:  # the samples over the data's own points, on white: D has no say in a sample
        from gan_tdd.data.points import get_point_set
        from gan_tdd.plane import render_frame, save_frame

        mixture = get_point_set(settings.data)
        save_frame(render_frame(mixture.extent, np.full(1, 0.5), mixture.sample(len(images), seed=args.seed),
                                images), output)
    else:
        save_grid(images, output)
    print(f"wrote {args.count} {'points' if points else 'images'} to {output}", file=sys.stderr)
    return 0


def _choice(args, model):
    """What to draw: a labelled run's --digit, an InfoGAN run's --code (continuous codes 0), or
    nothing, for the model's default (every class or code in turn)."""
    import numpy as np

    if args.digit is not None:
        return {"labels": np.full(args.count, args.digit)}
    if args.code is not None:
        return {"codes": (np.full(args.count, args.code), np.zeros((args.count, model.continuous_dim), np.float32))}
    return {}
