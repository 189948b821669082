"""Your own pictures: every PNG and JPEG file in a folder and below, as one uint8 image stack.

    images = load_folder("my_pictures", image_size=32)        # (count, 32, 32, 3) for colour pictures
    images, labels, classes = load_labelled_folder("my_pictures")   # my_pictures/CLASS/*.png

Each picture is centre-cropped to a square and resized to `image_size` (Pillow's Lanczos filter);
without `image_size`, all must share one size already. Grey pictures stay one channel and
colour ones three, unless `channels` says otherwise; a folder that mixes them becomes colour.
A file that cannot be read is skipped, named in a warning; a folder with no picture at all is a
`DataError` that names the formats read.
"""
import logging
from pathlib import Path

import numpy as np

from gan_tdd.data.errors import DataError

EXTENSIONS = (".png", ".jpg", ".jpeg")
FORMATS = "PNG or JPEG (.png, .jpg, .jpeg)"
PROGRESS_FROM = 2000  # a folder this large shows a progress bar while it loads


def picture_paths(folder):
    """The PNG and JPEG files in `folder` and below, in a stable order."""
    return sorted(path for path in Path(folder).rglob("*") if path.suffix.lower() in EXTENSIONS and path.is_file())


def _square(picture, image_size):
    """Centre-crop to a square, then resize to image_size x image_size."""
    side = min(picture.size)
    left, top = (picture.width - side) // 2, (picture.height - side) // 2
    picture = picture.crop((left, top, left + side, top + side))
    return picture if picture.size == (image_size, image_size) else picture.resize((image_size, image_size),
                                                                                   resample=3)  # Lanczos


def load_folder(folder, image_size=None, channels=None):
    """Every picture under `folder`, as uint8 images of shape (count, size, size, channels).

    Args:
        folder: a directory; its subdirectories are read too.
        image_size: the side every picture is cropped and resized to; None to keep the pictures'
            own size, which they must then share (and be square).
        channels: 1 (grey) or 3 (colour) to convert every picture; None for 1 when every picture
            is grey, else 3.

    Raises:
        DataError: no picture could be read, pictures of different sizes without `image_size`,
            or a size or channel count that is not accepted.
    """
    folder = Path(folder)
    paths = picture_paths(folder)
    if not paths:
        raise DataError(f"{folder} holds no {FORMATS} picture, in it or below it")
    return _read(folder, paths, image_size, channels)[0]


def load_labelled_folder(folder, image_size=None, channels=None):
    """The pictures of a folder that holds one subfolder per class, DIR/CLASS/*.png (and below),
    each labelled with its class: the classes in the order of their names, numbered from 0.

    Returns:
        (images, labels, classes): the images as `load_folder` reads them, int64 labels of shape
        (count,), and the class folders' names.

    Raises:
        DataError: as `load_folder`, or a picture outside the class folders, or fewer than two classes.
    """
    folder = Path(folder)
    paths = picture_paths(folder)
    loose = [path for path in paths if path.parent == folder]
    if loose:
        raise DataError(f"{len(loose)} picture{'s' if len(loose) > 1 else ''} lie{'' if len(loose) > 1 else 's'} "
                        f"in {folder} itself: a folder with labels holds one subfolder per class "
                        f"(DIR/CLASS/*.png), e.g. {loose[0].name} in {folder}/CLASS/")
    classes = _classes_of(folder, paths)
    if len(classes) < 2:
        held = f"one class folder, {classes[0]}" if classes else "no class folder"
        raise DataError(f"{folder} holds {held}: labels need two classes or more (DIR/CLASS/*.png)")
    label_of = {name: label for label, name in enumerate(classes)}
    labels = [label_of[path.relative_to(folder).parts[0]] for path in paths]
    images, kept = _read(folder, paths, image_size, channels)
    return images, np.asarray(labels, np.int64)[kept], classes


def class_names(folder):
    """The class folders of a folder with labels, in the order of their numbers: the names of its
    subfolders that hold pictures, sorted."""
    return _classes_of(Path(folder), picture_paths(folder))


def _classes_of(folder, paths):
    """The sorted names of the subfolders of `folder` that the pictures at `paths` lie in."""
    return sorted({path.relative_to(folder).parts[0] for path in paths if path.parent != folder})


def _read(folder, paths, image_size, channels):
    """The pictures at `paths` as one stack, and the indices of the paths that could be read."""
    from PIL import Image

    if channels not in (None, 1, 3):
        raise DataError(f"channels must be 1 (grey) or 3 (colour), got {channels!r}")
    logger = logging.getLogger("gan_tdd")
    pictures, kept, skipped = [], [], []
    for index, path in enumerate(_with_progress(paths)):
        try:
            with Image.open(path) as opened:
                opened.load()
                pictures.append(opened.copy())
                kept.append(index)
        except (OSError, ValueError) as error:
            skipped.append(f"{path.name} ({error})")
    if skipped:
        logger.warning("%d of %d files in %s could not be read and are skipped: %s", len(skipped), len(paths),
                       folder, "; ".join(skipped[:5]) + (" ..." if len(skipped) > 5 else ""))
    if not pictures:
        raise DataError(f"{folder}: none of its {len(paths)} {FORMATS} files could be read")
    if channels is None:
        channels = 1 if all(picture.mode in ("1", "L", "LA", "I", "I;16") for picture in pictures) else 3
    if image_size is None:
        sizes = {picture.size for picture in pictures}
        if len(sizes) > 1 or any(width != height for width, height in sizes):
            shown = ", ".join(f"{width}x{height}" for width, height in sorted(sizes)[:4])
            raise DataError(f"{folder} holds pictures of sizes {shown}{' ...' if len(sizes) > 4 else ''}: "
                            "give --image-size (28, 32, 64, ...) to crop and resize them all to one")
        image_size = pictures[0].width
    mode = "L" if channels == 1 else "RGB"
    stack = np.stack([np.asarray(_square(picture.convert(mode), image_size)) for picture in pictures])
    return stack.reshape(len(stack), image_size, image_size, channels).astype(np.uint8), kept


def _with_progress(paths):
    if len(paths) < PROGRESS_FROM:
        return paths
    from tqdm import tqdm

    return tqdm(paths, unit="file", desc="reading pictures", leave=False)
