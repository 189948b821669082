"""Pictures of samples: image grids as PNG files, and an animated GIF of grids over training."""
import math

import numpy as np
from PIL import Image


def image_grid(images, columns=None, padding=1):
    """Tile images in [-1, 1] into one uint8 picture, `columns` wide (square by default).

    Args:
        images: an array of shape (count, height, width, channels), channels 1 or 3.
        columns: images per row; None makes the grid as square as possible.
        padding: pixels of black between neighbouring images.

    Returns:
        A uint8 array of shape (rows * (height + padding) + padding, ..., channels).
    """
    images = np.asarray(images)
    count, height, width, channels = images.shape
    columns = columns or math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    pixels = np.round((np.clip(images, -1, 1) + 1) * 127.5).astype(np.uint8)
    grid = np.zeros((rows * (height + padding) + padding, columns * (width + padding) + padding, channels),
                    np.uint8)
    for index, image in enumerate(pixels):
        top = padding + (index // columns) * (height + padding)
        left = padding + (index % columns) * (width + padding)
        grid[top:top + height, left:left + width] = image
    return grid


def _as_picture(grid, scale):
    picture = Image.fromarray(grid[..., 0] if grid.shape[-1] == 1 else grid)
    return picture.resize((picture.width * scale, picture.height * scale), Image.NEAREST)


def save_grid(images, path, columns=None, scale=2):
    """Write a grid of `images` (in [-1, 1]) as a PNG file, each pixel `scale` pixels wide."""
    _as_picture(image_grid(images, columns), scale).save(path)


def save_gif(paths, path, milliseconds_per_frame=400):
    """Write the PNG files at `paths`, in order, as one looping animated GIF at `path`: grey
    when every frame is grey, in colour otherwise."""
    frames = [Image.open(frame) for frame in paths]
    mode = "L" if all(frame.mode in ("L", "1") for frame in frames) else "RGB"
    frames = [frame.convert(mode) for frame in frames]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=milliseconds_per_frame,
                   loop=0)
