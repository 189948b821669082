"""`python main.py [flags]`: train a new run, or resume one, in its run directory."""
import argparse
import contextlib
import os
import sys
from pathlib import Path

from gan_tdd.cli.flags import train_parser
from gan_tdd.cli.runs import check_run_directory, new_run_directory
from gan_tdd.cli.settings import (DATA_PRESETS, INFOGAN_SETTINGS, LABELLED_MODELS, MODEL_PRESETS, POINT_COUNT,
                                  POINT_SETS, RunSettings)
from gan_tdd.cli.terminal import warnings_to_terminal
from gan_tdd.cli.usage import UsageError
from gan_tdd.logs import stop_logging


def _settings_for(args, argv):
    """The settings of a run: a new run's from the flags; a resumed run's from its settings.json."""
    if args.resume is None:
        settings, preset = RunSettings.from_flags(args)
        _refuse_flags_of_another_model(settings.model, argv)
        if preset:
            shown = ", ".join(f"--{name.replace('_', '-')} {value:g}" if isinstance(value, float)
                              else f"--{name.replace('_', '-')} {value}" for name, value in preset.items())
            whose = (f"data {settings.data}" if settings.data in DATA_PRESETS else
                     f"model {settings.model}" if settings.model in MODEL_PRESETS else f"loss {settings.loss}")
            print(f"{whose}: its preset {shown} (a flag given overrides it)", file=sys.stderr)
        if settings.data not in ("mnist", *POINT_SETS):
            # Absolute, so that --resume and sample work from any directory.
            settings.data = str(Path(settings.data).resolve())
        if settings.seed is None:
            settings.seed = int.from_bytes(os.urandom(4), "little") % 2**31
        return settings
    _refuse_run_flags_with_resume(argv)
    try:
        settings = RunSettings.read(args.resume)
    except (FileNotFoundError, ValueError) as error:
        raise UsageError(f"cannot resume: {error}") from None
    if not (Path(args.resume) / "checkpoints" / "checkpoint").is_file():
        raise UsageError(f"cannot resume: {args.resume} holds no checkpoint")
    settings.epochs = getattr(args, "epochs", settings.epochs)
    return settings


# The flags of the GAN's loop that image-to-image training has no use for, and the reverse.
GAN_LOOP_FLAGS = {"k_steps", "pretrain_d_steps", "learning_rate_decay", "networks", "noise_dim",
                  "label_smoothing", "trace", "callback", "pack"}
IMAGE_TO_IMAGE_FLAGS = {"damage", "adversarial_weight"}
# The flags of one model alone.
MODEL_FLAGS = {"clusters": ("self-conditioned",), "conditioning": ("conditional", "self-conditioned"),
               "pack": ("gan",), "generator": ("gan",), "discriminator": ("gan",),
               **dict.fromkeys(INFOGAN_SETTINGS, ("infogan",))}
CLUSTERS_FILE = "clusters.npy"
# In the cached clusters' names: a change to gan_tdd.clustering that finds other clusters changes it.
CLUSTERING_VERSION = "thumbnails32-deskewed-pca50-kmeans++"


def _flags_given(argv):
    """The names of the training flags that `argv` gives, whatever their values."""
    parser = train_parser()
    for action in parser._actions:
        action.default = argparse.SUPPRESS
    return set(vars(parser.parse_args(argv)))


def _refuse_flags_of_another_model(model, argv):
    """A flag that the chosen model would ignore is a mistake, not something to ignore."""
    given = _flags_given(argv)
    unused = GAN_LOOP_FLAGS if model == "image-to-image" else IMAGE_TO_IMAGE_FLAGS
    if given & unused:
        flags = ", ".join("--" + name.replace("_", "-") for name in sorted(given & unused))
        why = "--model image-to-image does not use them" if model == "image-to-image" else \
            "only --model image-to-image uses them"
        raise UsageError(f"{flags}: {why}")
    for name, owners in MODEL_FLAGS.items():
        if name in given and model not in owners:
            raise UsageError(f"--{name.replace('_', '-')}: only --model {' and '.join(owners)} "
                             f"{'uses' if len(owners) == 1 else 'use'} it")


def _refuse_run_flags_with_resume(argv):
    """A resumed run keeps the settings it was started with: a flag that would change them is a
    mistake, not something to ignore."""
    given = sorted(_flags_given(argv) & {*RunSettings.kept_on_resume(), "logdir", "run_name"})
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        raise UsageError(f"--resume continues a run with the settings in its settings.json; "
                         f"leave out {flags} (only --epochs may change)")


def train(argv):
    """Train a new run, or resume one, as the flags in `argv` say; returns the exit status.

    Everything that can be checked is checked before the run directory is made, and all but the
    model's own arguments before TensorFlow is loaded: a mistake costs one line and leaves nothing.
    """
    args = train_parser().parse_args(argv)
    settings = _settings_for(args, argv)
    if args.resume is None:
        _check_new_run(args)
    from gan_tdd.cli.user_code import load_callback

    # Your callbacks are made before anything else, so that a mistake in them costs nothing.
    user_callbacks = [load_callback(spec) for spec in settings.callback or []]
    dataset = dataset_for(settings)
    settings.image_shape = list(dataset.image_shape)
    if settings.model in LABELLED_MODELS and args.resume is None:
        settings.num_classes = int(dataset.labels.max()) + 1
        if Path(settings.data).is_dir():
            from gan_tdd.data.folders import class_names

            print("classes: " + ", ".join(f"{name} ({label})" for label, name in enumerate(class_names(settings.data))),
                  file=sys.stderr)
    try:
        model = settings.build_model(dataset.batches_per_epoch)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if args.resume is None:
        run_directory = _create_run(args, settings)
    else:
        run_directory = Path(args.resume)
        # A new --epochs total is the run's from now on: a later plain --resume keeps it.
        settings.write(run_directory)
    if settings.model == "image-to-image":
        from gan_tdd.cli.train_image_to_image import train_image_to_image
        return train_image_to_image(run_directory, settings, dataset, model, resuming=args.resume is not None)
    return _train_run(run_directory, settings, dataset, model, resuming=args.resume is not None,
                      trace_events=args.trace, user_callbacks=user_callbacks)


def dataset_for(settings, clusters=None):
    """The run's GANDataset, checked against its batch size, k and the generator's image sizes.
    Only the labelled models read the data's labels; a self-conditioned model's labels are the
    clusters it finds in the images (`clusters`, or none yet: see `with_clusters`)."""
    from gan_tdd.checks import require_image_shape
    from gan_tdd.data import DataError, GANDataset, load_images, load_labelled_images

    if settings.data in POINT_SETS:
        return _points_dataset(settings, clusters)
    for name in ("image_size", "channels"):
        if getattr(settings, name) is not None and not Path(settings.data).is_dir():
            raise UsageError(f"argument --{name.replace('_', '-')}: only --data FOLDER (of your pictures) "
                             f"uses it, not --data {settings.data}")
    if settings.networks == "points":
        raise UsageError(f"argument --networks: points draws points in the plane; --data {settings.data} "
                         f"holds images: use dcgan or mlp, or train on --data {' or '.join(POINT_SETS)}")
    try:
        if settings.model in LABELLED_MODELS:
            images, labels = load_labelled_images(settings.data, settings.image_size, settings.channels)
        else:
            images, labels = load_images(settings.data, settings.image_size, settings.channels), None
    except DataError as error:
        raise UsageError(f"argument --data: {error}") from None
    if settings.model == "self-conditioned":
        labels = clusters
        if settings.clusters > len(images):
            raise UsageError(f"argument --clusters: must be at most the number of images ({len(images)}), "
                             f"got {settings.clusters}")
    elif settings.model in LABELLED_MODELS and labels is None:
        raise UsageError(f"argument --model: {settings.model} learns from labels, and --data "
                         f"{settings.data} has none; train with --model self-conditioned (the default) "
                         "to learn without labels")
    try:
        dataset = GANDataset(images, settings.noise_dim, settings.batch_size, seed=settings.seed,
                             labels=labels)
        require_image_shape(f"the images of --data {settings.data}", dataset.image_shape)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if dataset.batches_per_epoch < settings.k_steps:
        raise UsageError(f"argument --k-steps: must be at most the batches per epoch "
                         f"({len(images)} images in batches of {dataset.batch_size} make "
                         f"{dataset.batches_per_epoch}), got {settings.k_steps}")
    return dataset


def _points_dataset(settings, clusters=None):
    """POINT_COUNT points of the mixture called settings.data, drawn with the run's seed; for a
    self-conditioned GAN, labelled with their `clusters` (none yet: see `with_clusters`)."""
    from gan_tdd.data import GANDataset
    from gan_tdd.data.points import get_point_set

    if settings.model not in ("gan", "self-conditioned"):
        raise UsageError(f"argument --model: --data {settings.data} holds points in the plane, which the "
                         f"plain GAN (--model gan) or the self-conditioned GAN learns; not {settings.model}")
    if settings.model == "self-conditioned" and settings.conditioning != "projection":
        raise UsageError("argument --conditioning: a point has no planes to add a cluster's channels to; the "
                         "self-conditioned GAN reads its clusters by projection on points")
    if settings.networks != "points":
        raise UsageError(f"argument --networks: --data {settings.data} holds points in the plane, which "
                         f"the points pair draws (--networks points, its preset); not {settings.networks}")
    if POINT_COUNT % settings.batch_size or settings.batch_size % settings.pack:
        raise UsageError(f"argument --batch-size: must divide the {POINT_COUNT:,} points and be a multiple "
                         f"of --pack {settings.pack}, got {settings.batch_size}")
    points = get_point_set(settings.data).sample(POINT_COUNT, seed=settings.seed)
    return GANDataset(points, settings.noise_dim, settings.batch_size, seed=settings.seed, labels=clusters)


def find_clusters(images, settings):
    """The cluster of each image, found in the pixels alone, with a line that says so. The same
    images, count and seed always give the same clusters: they are kept in the data cache
    (`gan_tdd.data.files.cache_directory`), so that only a data set's first run waits for them."""
    import hashlib
    import time

    import numpy as np

    from gan_tdd.clustering import cluster_images, kmeans
    from gan_tdd.data.files import cache_directory
    from gan_tdd.run import save_whole

    started = time.perf_counter()
    if settings.data in POINT_SETS:  # points are their own features: k-means on them, in a second
        clusters = kmeans(images, settings.clusters, seed=settings.seed)[0]
        print(f"clusters: {settings.clusters} found in {len(images):,} points without their modes "
              f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
        return clusters
    digest = hashlib.sha1(images.tobytes()).hexdigest()[:16]
    cache = cache_directory() / f"clusters-{digest}-{settings.clusters}-{settings.seed}-{CLUSTERING_VERSION}.npy"
    try:
        clusters = np.load(cache)
        found = "read from the cache"
        if clusters.shape != (len(images),) or clusters.min() < 0 or clusters.max() >= settings.clusters:
            raise ValueError(f"{cache} does not fit the data")
    except (OSError, ValueError, EOFError):  # none yet, or damaged: find them again
        clusters = cluster_images(images, settings.clusters, seed=settings.seed)
        found = "found"
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            save_whole(cache, clusters)
        except OSError:
            pass  # an unwritable cache costs the next run the same seconds, nothing more
    print(f"clusters: {settings.clusters} {found} in {len(images):,} images without their labels "
          f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return clusters


def with_clusters(dataset, settings, run_directory, resuming):
    """A self-conditioned run's dataset, its clusters as labels: found for a new run and kept in
    RUN_DIR/clusters.npy, read back from there when the run resumes."""
    import numpy as np

    from gan_tdd.run import save_whole

    path = run_directory / CLUSTERS_FILE
    if resuming:
        clusters = np.load(path)
    else:
        clusters = find_clusters(dataset.images, settings)
        save_whole(path, clusters)
    return dataset_for(settings, clusters)


def _check_new_run(args):
    with _run_directory_errors():
        check_run_directory(args.logdir, args.run_name)


def _create_run(args, settings):
    with _run_directory_errors():
        run_directory = new_run_directory(args.logdir, args.run_name)
    settings.write(run_directory)
    return run_directory


@contextlib.contextmanager
def _run_directory_errors():
    """Turn the errors of making a run directory into one line that names the flag."""
    try:
        yield
    except FileExistsError as error:  # its message names --run-name and --resume already
        raise UsageError(str(error)) from None
    except OSError as error:
        raise UsageError(f"argument --logdir: {error}") from None


def _train_run(run_directory, settings, dataset, model, resuming, trace_events=False, user_callbacks=()):
    """Train in `run_directory` (gan_tdd.run.TrainingRun); returns 0 when done, 130 when stopped
    by Ctrl-C (a checkpoint is saved first) and 1 when a loss became NaN (then nothing is saved
    after the last good step)."""
    from gan_tdd.callbacks.diagnostics import Diagnostics
    from gan_tdd.run import TrainingRun

    terminal = warnings_to_terminal()
    try:
        print(f"run directory: {run_directory}", file=sys.stderr)
        print(f"watch it: tensorboard --logdir {run_directory.parent}", file=sys.stderr)
        if settings.model == "self-conditioned":
            dataset = with_clusters(dataset, settings, run_directory, resuming)
        # Evaluation first, so that your callbacks, the progress bar and the log read its figures;
        # where no MNIST evaluation watches the samples, the diagnostics do, on any data.
        evaluation = _evaluation_callbacks(settings, dataset, run_directory)
        watching = [] if settings.data == "mnist" and settings.evaluation_samples else [Diagnostics()]
        print(f"measured after each epoch: {_measures(settings, evaluation)}", file=sys.stderr)
        run = TrainingRun(model, dataset, run_directory, callbacks=[*evaluation, *watching, *user_callbacks],
                          pictures=_pictures(settings, run_directory), k_steps=settings.k_steps,
                          pretrain_d_steps=settings.pretrain_d_steps, summary_every=settings.summary_every,
                          images_every=settings.images_every, log_every=settings.log_every,
                          trace=trace_events, say=lambda line: print(line, file=sys.stderr))
        with run:
            try:
                run.open()
            except FileNotFoundError as error:
                raise UsageError(f"cannot resume: {error}") from None
            result = run.fit(settings.epochs)
    finally:
        stop_logging([terminal])
    if resuming and result.epochs_before >= settings.epochs:
        print(f"{run_directory} has trained all its {settings.epochs} epochs already; to train "
              f"on, give a larger total: python main.py --resume {run_directory} "
              f"--epochs {result.epochs_before + settings.epochs}", file=sys.stderr)
    if result.status == "diverged":  # logged already, as `main.py: error: ...`
        return 1
    if result.status == "stopped":
        print(f"stopped at step {result.step}, checkpoint saved; continue with: "
              f"python main.py --resume {run_directory}", file=sys.stderr)
        return 130
    print(f"done: samples in {run_directory / 'samples'}", file=sys.stderr)
    return 0


def _measures(settings, evaluation):
    """What the run measures after each epoch, in words: MNIST's scores need MNIST's digits."""
    if settings.data == "mnist" and evaluation:
        return "MNIST score, Frechet distance and classes covered (MNIST's classifier)"
    points = "modes covered, high-quality share, Jensen-Shannon estimate; " if evaluation else ""
    return (f"{points}sample_diversity, nearest_real (1 for new pictures, 0 for copies), mean_p_fake; "
            "MNIST's score and Frechet distance only on MNIST")


def _pictures(settings, run_directory):
    """What draws the run's samples: a grid of fixed noise's images per epoch, or for points a
    frame of the game every --images-every steps (gan_tdd.plane)."""
    if settings.data in POINT_SETS:
        from gan_tdd.callbacks.point_frames import PointFramesCallback
        from gan_tdd.data.points import get_point_set

        # TensorBoard gets the frames too, as a run of its own ("frames") beside the run's scalars.
        return PointFramesCallback(run_directory / "samples", get_point_set(settings.data),
                                   every=settings.images_every, logdir=run_directory / "frames")
    from gan_tdd.callbacks import SampleGridCallback

    return SampleGridCallback(run_directory / "samples",
                              **grid_inputs(settings, _fixed_noise(run_directory, settings)))


def grid_inputs(settings, noise):
    """What the sample grids draw. A labelled model: one row per digit, 10 rows of 10. InfoGAN:
    its one layout (gan_tdd.models.infogan.code_grid): a row per categorical code, the same ten
    noise vectors down the columns, so that what changes down a column is the code alone."""
    import numpy as np

    if settings.model in LABELLED_MODELS:
        return {"noise": noise, "labels": np.repeat(np.arange(settings.classes), 10), "columns": 10}
    if settings.model == "infogan":
        from gan_tdd.models.infogan import code_grid

        noise_index, categorical, continuous = code_grid(10 * settings.categorical_dim, settings.categorical_dim,
                                                         settings.continuous_dim)
        return {"noise": noise[noise_index], "codes": (categorical, continuous), "columns": 10}
    return {"noise": noise}


def _fixed_noise(run_directory, settings):
    """The noise behind the sample grids (gan_tdd.run.kept_noise): 64 vectors, or ten per class
    for a labelled model's rows of ten."""
    from gan_tdd.run import kept_noise

    count = 10 * settings.classes if settings.model in LABELLED_MODELS else 64
    return kept_noise(run_directory, count, settings.noise_dim, settings.seed)


def _evaluation_callbacks(settings, dataset, run_directory):
    """Scores samples after each epoch when training on MNIST: the classifier knows only digits,
    so on any other data set (Fashion-MNIST has the same shape) its figures would mislead."""
    if settings.evaluation_samples == 0:
        return []
    if settings.data in POINT_SETS:
        from gan_tdd.data.points import get_point_set
        from gan_tdd.evaluation.points import PointEvaluationCallback

        # 2,500 points, as VEEGAN's table counts them.
        return [PointEvaluationCallback(get_point_set(settings.data), count=2500)]
    if settings.data != "mnist":
        return []
    from gan_tdd.evaluation import EvaluationCallback

    return [EvaluationCallback(every_n_epochs=1, sample_count=settings.evaluation_samples,
                               # Its own directory: TensorBoard follows one live event file per directory.
                               logdir=str(run_directory / "evaluation"))]
