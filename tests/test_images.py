"""Pictures of samples: grids and GIFs."""
import numpy as np
from PIL import Image

from gan_tdd.images import image_grid, save_gif, save_grid


def test_a_grid_places_images_left_to_right_then_top_to_bottom_with_borders():
    """Four 2x2 images (-1, -0.5, 0.5, 1) tile a 2x2 grid with 1-pixel black borders."""
    images = np.stack([np.full((2, 2, 1), value, np.float32) for value in (-1, -0.5, 0.5, 1)])

    grid = image_grid(images)

    assert grid.shape == (7, 7, 1) and grid.dtype == np.uint8
    assert [grid[1, 1, 0], grid[1, 4, 0], grid[4, 1, 0], grid[4, 4, 0]] == [0, 64, 191, 255]
    assert grid[0].max() == 0 and grid[:, 3].max() == 0


def test_a_grid_of_five_images_is_three_wide_and_two_high():
    """Five images do not fill a square: three columns, two rows, the last cell black."""
    grid = image_grid(np.ones((5, 4, 4, 1), np.float32))

    assert grid.shape == (2 * 5 + 1, 3 * 5 + 1, 1)
    assert grid[6:10, 11:15].max() == 0


def test_save_grid_writes_a_png_scaled_up_and_save_gif_animates_pngs(tmp_path):
    """A grid PNG at twice the size, and a GIF with one frame per PNG."""
    for index in range(3):
        save_grid(np.full((4, 4, 4, 1), index / 3, np.float32), tmp_path / f"{index}.png")

    save_gif([tmp_path / f"{index}.png" for index in range(3)], tmp_path / "all.gif")

    assert Image.open(tmp_path / "0.png").size == (22, 22)
    assert Image.open(tmp_path / "all.gif").n_frames == 3
