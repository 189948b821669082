"""Frames of a GAN on points: the heat map's colours, the grid it is computed on, where points land."""
import numpy as np

from gan_tdd.plane import SIZE, heat_colours, render_frame, surface_grid


def test_the_heat_map_is_blue_for_generated_white_for_undecided_and_red_for_real():
    np.testing.assert_array_equal(heat_colours([0.0, 0.5, 1.0]), [[0, 0, 255], [255, 255, 255], [255, 0, 0]])


def test_the_surface_grid_runs_row_by_row_from_the_top_left():
    """4 cells a side over [-2, 2]: centres at -1.5, -0.5, 0.5, 1.5; the first row is y = 1.5."""
    places = surface_grid(2.0, cells=4)

    assert places.shape == (16, 2)
    np.testing.assert_allclose(places[0], [-1.5, 1.5])
    np.testing.assert_allclose(places[3], [1.5, 1.5])
    np.testing.assert_allclose(places[-1], [1.5, -1.5])


def test_a_frame_draws_real_points_black_and_generated_points_green_where_they_lie():
    """Over [-2, 2], (1, 1) is three quarters across and a quarter down; (-1, -1) the opposite."""
    frame = render_frame(2.0, np.full(16, 0.5), real=[[1.0, 1.0]], generated=[[-1.0, -1.0]])

    assert frame.shape == (SIZE, SIZE, 3)
    np.testing.assert_array_equal(frame[SIZE // 4, 3 * SIZE // 4], [0, 0, 0])
    np.testing.assert_array_equal(frame[3 * SIZE // 4, SIZE // 4], [0, 150, 0])
    np.testing.assert_array_equal(frame[SIZE // 2, 10], [255, 255, 255])  # D undecided: white


def test_an_arrow_points_from_its_point_along_its_move():
    """A move to the right from (0, 0): green pixels right of the point, none to its left."""
    frame = render_frame(2.0, np.full(16, 0.5), real=[], generated=[], starts=[[0.0, 0.0]], moves=[[1.0, 0.0]])

    row = frame[SIZE // 2]
    green = np.where((row == [0, 110, 0]).all(axis=1))[0]
    assert green.min() >= SIZE // 2 - 1 and green.max() > SIZE // 2 + 30
