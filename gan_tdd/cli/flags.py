"""The flags of each command of main.py: training (made from RunSettings' fields), sample, restore and evaluate."""
import argparse

from gan_tdd.cli.settings import POINT_SETS, RunSettings
from gan_tdd.cli.usage import OneLineErrorParser, non_negative_int, positive_int, run_name


def _add_verbose(parser):
    # Read by gan_tdd.cli.main before TensorFlow loads; here so that --help lists it.
    parser.add_argument("--verbose", action="store_true",
                        help="show TensorFlow's own log lines too (as GAN_TDD_VERBOSE=1 does)")
    return parser


def train_parser():
    """The flags of a training run: one per RunSettings field, then where the run goes."""
    parser = OneLineErrorParser(
        prog="main.py",
        description="Train a GAN on MNIST (or another grey-image data set) and watch it in TensorBoard. "
                    "Other commands: 'main.py sample --help', 'main.py evaluate --help'.")
    for field in RunSettings.flag_fields():
        flag = "--" + field.name.replace("_", "-")
        meta = field.metadata
        if field.name == "epochs":
            # Left out unless given, so that --resume can tell a new total from the default.
            parser.add_argument(flag, type=meta["parse"], default=argparse.SUPPRESS,
                                help=f"{meta['help']} (default: {field.default})")
        elif meta.get("append"):
            # Repeatable: each use adds one; None when never given.
            parser.add_argument(flag, type=meta["parse"], action="append", default=None, metavar="SPEC",
                                help=meta["help"])
        elif "by_model" in meta:
            # None until resolved by the model (RunSettings.from_flags); the help names each default.
            parser.add_argument(flag, type=meta["parse"], default=None, help=meta["help"])
        elif meta.get("preset"):
            # None until resolved: the data's, loss's or model's preset, else the default
            # (RunSettings.from_flags).
            parser.add_argument(flag, type=meta["parse"], default=None, choices=meta.get("choices"),
                                help=f"{meta['help']} (default: {field.default}, or the data's, loss's or "
                                     "model's preset)")
        else:
            parser.add_argument(flag, type=meta["parse"], default=field.default, help=meta["help"],
                                choices=meta.get("choices"))
    parser.add_argument("--logdir", default="runs", help="parent directory of run directories")
    parser.add_argument("--run-name", type=run_name, default=None,
                        help="name of the new run directory under --logdir, which must not exist "
                             "(default: run-DATE-TIME)")
    parser.add_argument("--resume", metavar="RUN_DIR", default=None,
                        help="continue RUN_DIR from its last checkpoint with its own settings")
    # What a user may ask of a training run that another command does.
    parser.other_commands = {"--digit": "sample", "--code": "sample", "--count": "sample",
                             "--output": "sample", "--run": "sample", "--input": "restore",
                             "--labels": "evaluate", "--json": "evaluate"}
    parser.add_argument("--trace", action="store_true",
                        help="print each event of the training loop for the first steps and the first "
                             "epoch boundary: which hook fit calls, when, and with what")
    return _add_verbose(parser)


def sample_parser():
    """The flags of `main.py sample`."""
    parser = OneLineErrorParser(prog="main.py sample", description="Generate images from a run's last checkpoint.")
    parser.add_argument("--run", required=True, metavar="RUN_DIR", help="the run directory to sample from")
    parser.add_argument("--count", type=positive_int, default=64, help="how many images")
    parser.add_argument("--output", required=True,
                        help="FILE.npy: float32 array (count, H, W, C) in [-1, 1]; FILE.png: a grid")
    parser.add_argument("--seed", type=non_negative_int, default=0, help="seed of the noise")
    parser.add_argument("--digit", type=non_negative_int, default=None,
                        help="the class to draw, for a run of --model conditional or acgan "
                             "(default: every class in turn)")
    parser.add_argument("--code", type=non_negative_int, default=None,
                        help="the categorical code to draw from, for a run of --model infogan "
                             "(default: a row of ten for each value in turn)")
    parser.add_argument("--sweep", type=non_negative_int, default=None, metavar="K",
                        help="for a run of --model infogan: continuous code K goes from -1 to 1 along "
                             "each row of ten, one noise vector per row (default: every continuous code 0, "
                             "ten noise vectors per row)")
    parser.add_argument("--overwrite", action="store_true", help="replace --output if it exists")
    return _add_verbose(parser)


def restore_parser():
    """The flags of `main.py restore`."""
    parser = OneLineErrorParser(prog="main.py restore",
                                description="Restore damaged images with an image-to-image run's last checkpoint.")
    parser.add_argument("--run", required=True, metavar="RUN_DIR",
                        help="a run directory of --model image-to-image")
    parser.add_argument("--input", required=True, metavar="DAMAGED.npy",
                        help="a .npy file of damaged images (count, H, W, C): float in [-1, 1] or uint8")
    parser.add_argument("--output", required=True,
                        help="FILE.npy: float32 array of the restored images in [-1, 1]; FILE.png: a grid "
                             "of rows damaged | restored")
    parser.add_argument("--overwrite", action="store_true", help="replace --output if it exists")
    return _add_verbose(parser)


def evaluate_parser():
    """The flags of `main.py evaluate`."""
    parser = OneLineErrorParser(prog="main.py evaluate", description="Score generated MNIST digits saved in a .npy file.")
    parser.add_argument("file", help="a .npy file with float32 images of shape (count, 28, 28, 1) in [-1, 1]")
    parser.add_argument("--labels", metavar="LABELS.npy", default=None,
                        help="the digit each image was asked for (integers, one per image): adds the "
                             "label accuracy, overall and per digit")
    parser.add_argument("--data", choices=POINT_SETS, default=None,
                        help="score points in the plane instead: FILE.npy holds (count, 2) floats, scored "
                             "against this mixture (modes covered, share of high-quality points)")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    return _add_verbose(parser)
