"""The damage functions: what each does to a pixel, that the input stays as it was, and the
errors that name the bad argument."""
import numpy as np
import pytest

from gan_tdd.image_to_image.damage import (DAMAGES, add_noise, get_damage, lower_resolution,
                                           remove_lower_half)


@pytest.fixture
def images():
    """Three random 8x8 grey images in [-1, 1]."""
    return np.random.default_rng(0).uniform(-1, 1, (3, 8, 8, 1)).astype(np.float32)


def test_removing_the_lower_half_blackens_its_rows_and_keeps_the_upper_half(images):
    """Rows 4 to 7 of an 8-row image become -1; rows 0 to 3 are untouched."""
    damaged = remove_lower_half(images)

    np.testing.assert_array_equal(damaged[:, 4:], -1.0)
    np.testing.assert_array_equal(damaged[:, :4], images[:, :4])


def test_noise_moves_every_pixel_and_stays_in_range(images):
    """Heavy noise changes the pixels by about its standard deviation, clipped to [-1, 1]."""
    damaged = add_noise(images, stddev=0.8, seed=0)

    assert damaged.min() >= -1.0 and damaged.max() <= 1.0
    assert np.mean(np.abs(damaged - images)) > 0.3


def test_noise_equals_the_same_seeded_gaussian_noise_computed_in_numpy(images):
    """add_noise is images + N(0, stddev^2) from default_rng(seed), clipped."""
    expected = np.clip(images + np.random.default_rng(5).normal(0.0, 0.5, images.shape), -1, 1)

    np.testing.assert_allclose(add_noise(images, stddev=0.5, seed=5), expected, atol=1e-6)


def test_an_int_seed_repeats_the_noise_and_a_generator_draws_fresh_noise_each_call(images):
    """seed=3 twice gives the same image; one Generator passed twice gives two different ones."""
    stream = np.random.default_rng(3)

    np.testing.assert_array_equal(add_noise(images, seed=3), add_noise(images, seed=3))
    assert not np.array_equal(add_noise(images, seed=stream), add_noise(images, seed=stream))


def test_lower_resolution_replaces_each_block_with_its_mean():
    """A 4x4 image at size 2 becomes four 2x2 blocks, each filled with its block's average."""
    image = np.array([[0.0, 0.2, 1.0, 1.0],
                      [0.4, 0.2, 1.0, 0.6],
                      [-1., -1., 0.5, 0.5],
                      [-1., -0.6, 0.5, 0.5]], np.float32)[None, :, :, None]
    expected = np.array([[0.2, 0.2, 0.9, 0.9],
                         [0.2, 0.2, 0.9, 0.9],
                         [-0.9, -0.9, 0.5, 0.5],
                         [-0.9, -0.9, 0.5, 0.5]], np.float32)[None, :, :, None]

    np.testing.assert_allclose(lower_resolution(image, size=2), expected, atol=1e-6)


def test_lower_resolution_to_7x7_keeps_a_28x28_shape_with_4x4_blocks_of_equal_pixels():
    """The default size 7 suits MNIST: 28x28 in, 28x28 out, constant on each 4x4 block."""
    digits = np.random.default_rng(0).uniform(-1, 1, (2, 28, 28, 1)).astype(np.float32)

    damaged = lower_resolution(digits)

    assert damaged.shape == digits.shape and damaged.dtype == np.float32
    blocks = damaged.reshape(2, 7, 4, 7, 4, 1)
    np.testing.assert_allclose(blocks, np.broadcast_to(blocks[:, :, :1, :, :1], blocks.shape), atol=1e-6)


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_every_damage_returns_a_new_array_and_leaves_its_input_as_it_was(images, damage):
    """A damage is pure: the images passed in are unchanged, whatever it returns."""
    before = images.copy()

    damaged = damage(images) if damage is not lower_resolution else damage(images, size=4)

    np.testing.assert_array_equal(images, before)
    assert damaged is not images and damaged.shape == images.shape


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
@pytest.mark.parametrize("bad, message", [
    pytest.param(np.zeros((8, 8, 1)), "images must have shape", id="no_count_axis"),
    pytest.param(np.full((1, 8, 8, 1), 2.0), r"images must be in \[-1, 1\]", id="out_of_range"),
    pytest.param(np.full((1, 8, 8, 1), np.nan), "images must be finite", id="nan"),
])
def test_every_damage_names_the_images_argument_when_they_are_wrong(damage, bad, message):
    """Images of the wrong shape or range fail at once, with a message that says which argument."""
    with pytest.raises(ValueError, match=message):
        damage(bad)


@pytest.mark.parametrize("call, message", [
    pytest.param(lambda images: add_noise(images, stddev=0), "stddev must be a number > 0", id="stddev"),
    pytest.param(lambda images: lower_resolution(images, size=3), r"size must divide .* \(8x8\)", id="size"),
    pytest.param(lambda images: lower_resolution(images, size=0), "size must be an integer >= 1", id="size_0"),
])
def test_a_bad_damage_setting_names_its_argument(images, call, message):
    """stddev must be positive; size must divide the image's sides."""
    with pytest.raises(ValueError, match=message):
        call(images)


def test_get_damage_finds_each_damage_by_name_and_lists_the_names_for_a_wrong_one():
    """The names the command line will offer: lower-half, noise, low-resolution."""
    assert get_damage("lower-half") is remove_lower_half

    with pytest.raises(ValueError, match="unknown damage 'blur'; choose one of: lower-half, noise, low-resolution"):
        get_damage("blur")

