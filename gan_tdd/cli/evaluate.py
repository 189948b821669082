"""`python main.py evaluate FILE.npy [--labels LABELS.npy] [--json]`: score saved samples.

FILE.npy holds one float32 array of shape (count, 28, 28, 1) with values in [-1, 1], as
`GANModel.generate` returns it (`np.save("samples.npy", images)`). Prints the MNIST score,
the Fréchet distance to MNIST's test digits, the classes covered and the class histogram
(see docs/evaluation.md). LABELS.npy, one integer digit per image, holds the digits the images
were asked for (of a conditional GAN or ACGAN); the label accuracy is printed too, overall and
per digit (docs/conditional.md). A file that cannot be scored ends the program with exit
status 2 and one line on stderr that names the problem.
"""
import json
import math
import sys
from pathlib import Path

import numpy as np

from gan_tdd.cli.flags import evaluate_parser

PROG = "main.py evaluate"
IMAGE_SHAPE = (28, 28, 1)


class InputError(ValueError):
    """The file cannot be scored; the message says why."""


def load_samples(path):
    """Read and check FILE.npy; return its images as float32.

    Raises:
        InputError: the file is missing or unreadable, or its array is not (count, 28, 28, 1)
            finite floats in [-1, 1] with count >= 2.
    """
    path = Path(path)
    array = _load_array(path, "images")
    if array.dtype.kind != "f":
        raise InputError(f"{path}: holds {array.dtype} values; expected float32 images in [-1, 1] "
                         "(for uint8 pixels, save images / 127.5 - 1)")
    if array.ndim != 4 or array.shape[1:] != IMAGE_SHAPE:
        hint = "; add the channel axis with images[..., None]" if array.shape[1:] == IMAGE_SHAPE[:2] else ""
        raise InputError(f"{path}: has shape {array.shape}; expected (count, 28, 28, 1){hint}")
    if len(array) < 2:
        raise InputError(f"{path}: holds {len(array)} image; at least 2 are needed for a Fréchet distance")
    if not np.all(np.isfinite(array)):
        raise InputError(f"{path}: holds NaN or infinite values")
    low, high = float(array.min()), float(array.max())
    if low < -1.0 or high > 1.0:
        hint = "; if they are pixels in [0, 255], save images / 127.5 - 1" if low >= 0 and high > 1 else ""
        raise InputError(f"{path}: holds values in [{low:g}, {high:g}]; expected [-1, 1]{hint}")
    return array.astype(np.float32, copy=False)


def load_labels(path, count):
    """Read and check LABELS.npy for `count` images; return the labels as int64.

    Raises:
        InputError: the file is missing or unreadable, or its array is not `count` integer
            digits 0 to 9.
    """
    path = Path(path)
    labels = _load_array(path, "labels")
    if labels.dtype.kind not in "iu":
        raise InputError(f"{path}: holds {labels.dtype} values; expected integer digits")
    if labels.ndim != 1:
        raise InputError(f"{path}: has shape {labels.shape}; expected ({count},)")
    if len(labels) != count:
        raise InputError(f"{path}: holds {len(labels)} labels for {count} images")
    low, high = int(labels.min()), int(labels.max())
    if low < 0 or high > 9:
        raise InputError(f"{path}: holds labels in [{low}, {high}]; expected digits 0 to 9")
    return labels.astype(np.int64)


def _load_array(path, what):
    """The one array of the .npy file at `path`; InputError for anything else."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if not path.is_file():
        raise InputError(f"{path}: is not a file")
    try:
        array = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError) as error:
        raise InputError(f"{path}: is not a .npy array file ({_first_line(error)})") from error
    if isinstance(array, np.lib.npyio.NpzFile):
        array.close()
        raise InputError(f"{path}: is an .npz archive; save the one {what} array with "
                         f"np.save(FILE.npy, {what})")
    return array


def format_metrics(metrics):
    """One line per metric, the name then the value, aligned."""
    width = max(18, *(len(name) + 2 for name in metrics))
    lines = []
    for name, value in metrics.items():
        if isinstance(value, list):
            value = " ".join("-" if fraction is None else f"{fraction:.3f}" for fraction in value)
        elif isinstance(value, float):
            value = f"{value:.4f}"
        lines.append(f"{name:<{width}}{value}")
    return "\n".join(lines)


def evaluate(argv):
    """Run `main.py evaluate ARGV`; return the exit status (0 scored, 1 no classifier or data, 2 bad input)."""
    try:
        args = evaluate_parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed one line, or the help
        return exit_.code
    if args.data is not None:
        return _evaluate_points(args)
    try:
        images = load_samples(args.file)
        labels = None if args.labels is None else load_labels(args.labels, len(images))
    except InputError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    # Imported here, after the cheap checks: these build the classifier and read MNIST.
    from gan_tdd.data import DataError
    from gan_tdd.evaluation import Evaluator
    try:
        evaluator = Evaluator()
        metrics = evaluator.evaluate(images) if labels is None else evaluator.evaluate(images, labels=labels)
    except (FileNotFoundError, DataError, ValueError) as error:
        print(f"{PROG}: error: {_first_line(error)}", file=sys.stderr)
        return 1
    metrics = {"images": len(images), **metrics}
    metrics = {name: _without_nan(value) for name, value in metrics.items()}
    print(json.dumps(metrics) if args.json else format_metrics(metrics))
    return 0


def _evaluate_points(args):
    """Score (count, 2) points against the mixture --data names (gan_tdd.evaluation.points)."""
    try:
        points = _load_array(Path(args.file), "points")
    except InputError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    if points.ndim != 2 or points.shape[1] != 2 or points.dtype.kind != "f" or not np.all(np.isfinite(points)):
        print(f"{PROG}: error: {args.file}: has shape {points.shape} and dtype {points.dtype}; expected "
              "(count, 2) finite floats: points in the plane", file=sys.stderr)
        return 2
    from gan_tdd.data.points import get_point_set
    from gan_tdd.evaluation.points import point_metrics

    metrics = point_metrics(points, get_point_set(args.data))
    metrics = {"points": len(points), "modes_covered": metrics["modes_covered"], "modes": metrics["modes"],
               "high_quality_share": metrics["high_quality_share"], "mode_shares": metrics["mode_shares"]}
    print(json.dumps(metrics) if args.json else format_metrics(metrics))
    return 0


def _without_nan(value):
    """None for NaN in a list (a digit no image was asked for): JSON has no NaN."""
    if isinstance(value, list):
        return [None if isinstance(item, float) and math.isnan(item) else item for item in value]
    return value


def _first_line(error):
    return str(error).splitlines()[0] if str(error) else type(error).__name__
