"""Damage: what the image-to-image GAN learns to undo.

Each damage is a pure numpy function, images in and images out: float images of shape
(count, height, width, channels) in [-1, 1], the input left as it was. The model sees a damaged
image and must give back the original, so these functions make its training pairs:

    lower-half      remove_lower_half   the lower half black (-1): the model must invent it
    noise           add_noise           heavy Gaussian noise, clipped back to [-1, 1]
    low-resolution  lower_resolution    7x7 blocks averaged, then repeated back up

`get_damage(name)` gives one by its name.
"""
import numpy as np

from gan_tdd.checks import require_int, require_positive_number
from gan_tdd.data import as_gan_images


def remove_lower_half(images):
    """Set the lower half of each image to black (-1): rows from height // 2 down.

    Args:
        images: float images (count, height, width, channels) in [-1, 1].

    Returns:
        A new float32 array of the same shape.

    Raises:
        ValueError: `images` is not such an array; the message names `images`.
    """
    damaged = as_gan_images(images, "images").copy()
    damaged[:, damaged.shape[1] // 2:] = -1.0
    return damaged


def add_noise(images, stddev=0.8, seed=None):
    """Add Gaussian noise to every pixel, then clip to [-1, 1].

    Args:
        images: float images (count, height, width, channels) in [-1, 1].
        stddev: the noise's standard deviation; 0.8 is heavy: 40% of the whole range.
        seed: an int for the same noise on every call, a `np.random.Generator` for fresh noise
            from one stream on each call (as a training loop wants), or None for random.

    Returns:
        A new float32 array of the same shape, in [-1, 1].

    Raises:
        ValueError: bad `images` or `stddev`; the message names the argument.
    """
    images = as_gan_images(images, "images")
    stddev = require_positive_number("stddev", stddev)
    noise = np.random.default_rng(seed).normal(0.0, stddev, images.shape).astype(np.float32)
    return np.clip(images + noise, -1.0, 1.0)


def lower_resolution(images, size=7):
    """Downsample to size x size by averaging blocks, then back up by repeating each average.

    A 28x28 digit at size 7 becomes 7x7 blocks of 4x4 equal pixels: the shape survives, the
    strokes blur.

    Args:
        images: float images (count, height, width, channels) in [-1, 1].
        size: the side of the small image; it must divide height and width.

    Returns:
        A new float32 array of the same shape as `images`.

    Raises:
        ValueError: bad `images`, or a `size` that does not divide both sides; the message
            names the argument.
    """
    images = as_gan_images(images, "images")
    size = require_int("size", size, 1)
    count, height, width, channels = images.shape
    if height % size or width % size:
        raise ValueError(f"size must divide the images' height and width ({height}x{width}), got {size}")
    block_height, block_width = height // size, width // size
    blocks = images.reshape(count, size, block_height, size, block_width, channels)
    small = blocks.mean(axis=(2, 4))  # (count, size, size, channels)
    return small.repeat(block_height, axis=1).repeat(block_width, axis=2).astype(np.float32)


DAMAGES = {"lower-half": remove_lower_half, "noise": add_noise, "low-resolution": lower_resolution}


def get_damage(name):
    """The damage function called `name`.

    Raises:
        ValueError: for a name not in DAMAGES; the message lists the names that are.
    """
    if not isinstance(name, str) or name not in DAMAGES:
        raise ValueError(f"unknown damage {name!r}; choose one of: {', '.join(DAMAGES)}")
    return DAMAGES[name]
