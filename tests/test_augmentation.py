"""affine and random_affine: pictures turned, zoomed and shifted in the graph."""
import math

import numpy as np
import pytest

from gan_tdd.augmentation import affine, random_affine
from gan_tdd.quiet_tensorflow import tf

IMAGES = np.random.default_rng(0).uniform(-1, 1, (2, 6, 6, 1)).astype(np.float32)


def moved(angles=(0.0, 0.0), zooms=(1.0, 1.0), shifts=((0.0, 0.0), (0.0, 0.0))):
    return affine(tf.constant(IMAGES), tf.constant(angles), tf.constant(zooms), tf.constant(shifts)).numpy()


def test_no_turn_zoom_or_shift_leaves_the_images_as_they_are():
    np.testing.assert_allclose(moved(), IMAGES, atol=1e-6)


def test_a_quarter_turn_turns_the_picture_anticlockwise_as_seen():
    quarter = math.pi / 2

    np.testing.assert_allclose(moved(angles=(quarter, -quarter)),
                               [np.rot90(IMAGES[0]), np.rot90(IMAGES[1], k=-1)], atol=1e-5)


def test_a_shift_moves_each_pixel_down_and_right_and_fills_the_uncovered_edge_black():
    shifted = moved(shifts=((1.0, 0.0), (0.0, 2.0)))

    np.testing.assert_allclose(shifted[0, 1:], IMAGES[0, :-1], atol=1e-6)
    np.testing.assert_allclose(shifted[1, :, 2:], IMAGES[1, :, :-2], atol=1e-6)
    assert (shifted[0, 0] == -1).all() and (shifted[1, :, :2] == -1).all()


def test_a_zoom_of_2_spreads_the_centre_over_the_picture():
    """Twice the size about the centre (2.5, 2.5): output pixel 0 reads input 1.25, pixel 5 reads 3.75."""
    image = np.tile(np.arange(6, dtype=np.float32), (6, 1))[None, :, :, None]  # each pixel its column

    zoomed = affine(tf.constant(image), tf.constant([0.0]), tf.constant([2.0]), tf.constant([[0.0, 0.0]])).numpy()

    np.testing.assert_allclose(zoomed[0, 2, :, 0], 2.5 + (np.arange(6) - 2.5) / 2, atol=1e-5)


def test_a_shear_leans_an_upright_bar_by_its_columns_per_row_as_the_slant_measures_it():
    """A bar 2 columns wide and 12 rows tall, sheared by 0.5 and by -0.25: slants 0.5 and -0.25."""
    from gan_tdd.evaluation.strokes import stroke_measures

    bar = -np.ones((2, 16, 16, 1), np.float32)
    bar[:, 2:14, 7:9] = 1
    sheared = affine(tf.constant(bar), tf.constant([0.0, 0.0]), tf.constant([1.0, 1.0]), tf.zeros([2, 2]),
                     shears=tf.constant([0.5, -0.25])).numpy()

    np.testing.assert_allclose(stroke_measures(sheared)["slant"], [0.5, -0.25], atol=0.02)


def test_random_affine_draws_other_moves_for_each_image_and_each_run_within_its_bounds():
    augment = random_affine(max_degrees=0.0, max_zoom=0.0, max_shift=1.0, max_shear=0.0)
    images = tf.constant(np.repeat(IMAGES[:1], 64, axis=0))

    first, second = augment(images).numpy(), augment(images).numpy()

    assert not np.allclose(first, second)
    assert not np.allclose(first[0], first[1])
    # A shift of at most one pixel each way: the picture's middle is still covered.
    assert (first[:, 1:-1, 1:-1] > -1 - 1e-6).all() and np.abs(first).max() <= 1 + 1e-6


@pytest.mark.parametrize("name, value", [("max_degrees", -1), ("max_zoom", 1.0), ("max_shift", -0.5),
                                         ("max_shear", -0.1)])
def test_a_move_out_of_bounds_is_refused_by_name(name, value):
    with pytest.raises(ValueError, match=name):
        random_affine(**{name: value})
