"""Pictures of a GAN on points in the plane: the game itself, not only its result (after GAN Lab,
Kahng et al. 2018, https://arxiv.org/abs/1809.01587).

One frame shows, over a square of the plane:

    the heat map   the discriminator's output at every place: red where it says "real",
                   blue where it says "generated", white where it cannot tell (0.5)
    black dots     real points
    green dots     generated points
    green lines    for some generated points, the way the generator's update moves them: along
                   minus the generator loss's gradient at the point, the longest drawn 0.4 long

Only numpy and Pillow: a frame is an array, `save_frame` writes it.
"""
import numpy as np
from PIL import Image, ImageDraw

SIZE = 400  # pixels a side


def surface_grid(extent, cells=80):
    """The centres of a cells x cells grid over [-extent, extent]^2, row by row from the top.

    Returns:
        A float32 array of shape (cells * cells, 2).
    """
    centres = (np.arange(cells) + 0.5) / cells * 2 * extent - extent
    x, y = np.meshgrid(centres, centres[::-1])
    return np.stack([x.ravel(), y.ravel()], axis=1).astype(np.float32)


def _to_pixels(points, extent):
    """Plane coordinates to pixel coordinates: x to the right, y up."""
    points = np.asarray(points, np.float64).reshape(-1, 2)
    return np.stack([(points[:, 0] + extent) / (2 * extent) * SIZE,
                     (extent - points[:, 1]) / (2 * extent) * SIZE], axis=1)


def heat_colours(values):
    """D's outputs in [0, 1] as colours: 0 blue, 0.5 white, 1 red. Returns uint8 (..., 3)."""
    values = np.clip(np.asarray(values, np.float64), 0.0, 1.0)
    red = np.where(values >= 0.5, 1.0, 2 * values)
    blue = np.where(values <= 0.5, 1.0, 2 * (1 - values))
    green = np.minimum(red, blue)
    return np.round(np.stack([red, green, blue], axis=-1) * 255).astype(np.uint8)


def render_frame(extent, surface, real, generated, starts=(), moves=(), title=""):
    """One frame as an RGB array of shape (SIZE, SIZE, 3).

    Args:
        extent: the frame shows [-extent, extent]^2.
        surface: D's outputs in [0, 1] at `surface_grid(extent, cells)`, shape (cells * cells,).
        real: real points, shape (count, 2).
        generated: generated points, shape (count, 2).
        starts: the generated points that get an arrow, shape (arrows, 2).
        moves: each one's move, minus the generator loss's gradient, shape (arrows, 2).
        title: a line written at the top left.
    """
    cells = int(round(np.sqrt(len(surface))))
    heat = heat_colours(np.asarray(surface).reshape(cells, cells))
    picture = Image.fromarray(heat).resize((SIZE, SIZE), Image.NEAREST)
    draw = ImageDraw.Draw(picture)
    for colour, points in (((0, 0, 0), real), ((0, 150, 0), generated)):
        for x, y in _to_pixels(points, extent):
            draw.ellipse([x - 1.5, y - 1.5, x + 1.5, y + 1.5], fill=colour)
    moves = np.asarray(moves, np.float64).reshape(-1, 2)
    if len(moves):
        longest = np.linalg.norm(moves, axis=1).max()
        scaled = moves * (0.4 / longest if longest > 0 else 0.0)
        starts = np.asarray(starts, np.float64).reshape(-1, 2)
        for (x0, y0), (x1, y1) in zip(_to_pixels(starts, extent), _to_pixels(starts + scaled, extent)):
            draw.line([x0, y0, x1, y1], fill=(0, 110, 0), width=1)
            draw.ellipse([x1 - 1, y1 - 1, x1 + 1, y1 + 1], fill=(0, 110, 0))
    if title:
        draw.text((6, 4), title, fill=(0, 0, 0))
    return np.asarray(picture)


def save_frame(frame, path):
    """Write a frame of `render_frame` as a PNG."""
    Image.fromarray(frame).save(path)
