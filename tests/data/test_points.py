"""The 2-D data sets: Gaussian mixtures on a ring and a grid, with their known density."""
import numpy as np
import pytest

from gan_tdd.data.points import GaussianMixture, get_point_set, grid, ring


def test_the_ring_has_8_modes_of_radius_2_and_standard_deviation_0_02():
    mixture = ring()

    assert mixture.centres.shape == (8, 2) and mixture.std == 0.02
    np.testing.assert_allclose(np.linalg.norm(mixture.centres, axis=1), 2.0)
    np.testing.assert_allclose(mixture.centres[2], [0.0, 2.0], atol=1e-12)  # a quarter turn on


def test_the_grid_has_25_modes_two_apart_from_minus_4_to_4():
    mixture = grid()

    assert mixture.centres.shape == (25, 2) and mixture.std == 0.05
    assert sorted(set(mixture.centres[:, 0])) == sorted(set(mixture.centres[:, 1])) == [-4, -2, 0, 2, 4]


def test_samples_fall_near_their_modes_in_equal_shares_and_repeat_with_their_seed():
    """Of 8,000 points, each mode gets about 1,000 (binomial spread ~30), all within 5 std."""
    mixture = ring()

    points = mixture.sample(8000, seed=0)

    distances = np.linalg.norm(points[:, None] - mixture.centres[None], axis=-1)
    assert points.dtype == np.float32 and points.shape == (8000, 2)
    assert distances.min(axis=1).max() < 5 * mixture.std
    assert np.all(np.abs(np.bincount(distances.argmin(axis=1)) - 1000) < 150)
    np.testing.assert_array_equal(points, mixture.sample(8000, seed=0))


def test_the_density_is_the_mean_of_the_modes_gaussian_densities():
    """Two modes at (0, 0) and (1, 0), std 0.5: at (0, 0), (N(0) + N(1)) / 2 in two dimensions."""
    mixture = GaussianMixture("pair", [(0, 0), (1, 0)], 0.5)
    gaussian = lambda squared: np.exp(-squared / (2 * 0.25)) / (2 * np.pi * 0.25)  # noqa: E731

    assert mixture.density([[0.0, 0.0]])[0] == pytest.approx((gaussian(0.0) + gaussian(1.0)) / 2)


def test_an_unknown_point_set_is_named_with_the_choices():
    with pytest.raises(ValueError, match="unknown point set 'rings'; choose one of: ring, grid"):
        get_point_set("rings")


def test_the_spiral_is_60_modes_evenly_spaced_along_one_arm_from_radius_half_to_three_and_a_half():
    from gan_tdd.data.points import spiral

    mixture = spiral()
    steps = np.linalg.norm(np.diff(mixture.centres, axis=0), axis=1)

    assert mixture.centres.shape == (60, 2) and mixture.std == 0.05
    assert steps.max() - steps.min() < 0.01  # even steps along the arm
    np.testing.assert_allclose(np.linalg.norm(mixture.centres[[0, -1]], axis=1), [0.5, 3.5], atol=1e-3)
