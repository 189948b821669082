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
    for flag, value in (("code", args.code), ("sweep", args.sweep)):
        if value is not None and settings.model != "infogan":
            raise UsageError(f"argument --{flag}: the run's model, {settings.model}, has no code "
                             "(train with --model infogan)"
                             + ("; choose its class with --digit" if settings.model in LABELLED_MODELS else ""))
    if args.digit is not None and args.digit >= settings.classes:
        raise UsageError(f"argument --digit: the run's classes are 0 to {settings.classes - 1}, got {args.digit}")
    if args.code is not None and args.code >= settings.categorical_dim:
        raise UsageError(f"argument --code: must be 0 to {settings.categorical_dim - 1}, got {args.code}")
    if args.sweep is not None and args.sweep >= settings.continuous_dim:
        raise UsageError(f"argument --sweep: the run's continuous codes are 0 to {settings.continuous_dim - 1}, "
                         f"got {args.sweep}")

    import numpy as np
    from gan_tdd.quiet_tensorflow import tf

    from gan_tdd.checkpoints import Checkpointer
    from gan_tdd.images import save_grid
    from gan_tdd.models.infogan import GRID_COLUMNS

    model = settings.build_model()
    checkpointer = Checkpointer(model, checkpoints)
    noise, choice = _noise_and_choice(args, settings)
    with tf.compat.v1.Session(graph=model.graph) as session:
        try:
            checkpointer.restore(session)
        except FileNotFoundError as error:
            raise UsageError(f"argument --run: {error}") from None
        images = model.generate(session, noise, **choice)
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
        save_grid(images, output, columns=GRID_COLUMNS if settings.model == "infogan" else None)
    print(f"wrote {args.count} {'points' if points else 'images'} to {output}", file=sys.stderr)
    return 0


def _noise_and_choice(args, settings):
    """The noise and what to draw from it: a labelled run's --digit; an InfoGAN run's pictures in
    its one layout (gan_tdd.models.infogan.code_grid: rows of ten, a categorical code per row, or
    --code in every row, and --sweep's continuous code from -1 to 1 along each row); or nothing,
    for the model's default (every class in turn)."""
    import numpy as np

    from gan_tdd.data import fixed_noise

    if settings.model == "infogan":
        from gan_tdd.models.infogan import code_grid

        noise_index, categorical, continuous = code_grid(args.count, settings.categorical_dim,
                                                         settings.continuous_dim, code=args.code, sweep=args.sweep)
        return fixed_noise(noise_index.max() + 1, settings.noise_dim, args.seed)[noise_index], {
            "codes": (categorical, continuous)}
    noise = fixed_noise(args.count, settings.noise_dim, args.seed)
    if args.digit is not None:
        return noise, {"labels": np.full(args.count, args.digit)}
    return noise, {}
