"""Points in the plane that a GAN learns in seconds: mixtures of Gaussians whose density is known.

    ring    8 Gaussians on a circle of radius 2, standard deviation 0.02 (Metz et al. 2016,
            Unrolled GANs, https://arxiv.org/abs/1611.02163)
    grid    25 Gaussians at x, y in {-4, -2, 0, 2, 4}, standard deviation 0.05 (Srivastava et
            al. 2017, VEEGAN, https://arxiv.org/abs/1705.07761)
    spiral  60 Gaussians along a spiral arm, close enough to run together: a curve to trace

Each mode has an equal share. The modes are known, so what a generator covers can be counted
(`gan_tdd.evaluation.points`); the density is known, so the optimal discriminator
D*(x) = p_data(x) / (p_data(x) + p_g(x)) can be drawn beside the trained one.
"""
import numpy as np

from gan_tdd.checks import require_int, require_positive_number


class GaussianMixture:
    """Equal-weight Gaussians with one standard deviation, centred at `centres`.

    mixture = ring()
    points = mixture.sample(2500, seed=0)     # float32, shape (2500, 2)
    mixture.density(points)                   # p_data at each point
    """

    def __init__(self, name, centres, std):
        """Args: name: what the set is called; centres: (modes, dimensions); std: > 0."""
        self.name = name
        self.centres = np.asarray(centres, np.float64)
        if self.centres.ndim != 2 or len(self.centres) == 0:
            raise ValueError(f"centres must have shape (modes, dimensions), got {self.centres.shape}")
        self.std = require_positive_number("std", std)

    @property
    def extent(self):
        """Half the side of a square around the origin that holds every mode with room to spare:
        the largest centre coordinate, plus 1. What a picture of the mixture shows."""
        return float(np.abs(self.centres).max()) + 1.0

    @property
    def dimensions(self):
        """The length of one point: 2 for points in the plane."""
        return self.centres.shape[1]

    def sample(self, count, seed=None):
        """`count` points: each picks a mode at random, then adds Gaussian noise of `std`.

        Returns:
            A float32 array of shape (count, dimensions).
        """
        count = require_int("count", count, 1)
        random = np.random.default_rng(seed)
        modes = random.integers(0, len(self.centres), count)
        points = self.centres[modes] + self.std * random.standard_normal((count, self.dimensions))
        return points.astype(np.float32)

    def density(self, points):
        """p_data(x) at each point: the mean of the modes' Gaussian densities.

        Args:
            points: an array of shape (count, dimensions).

        Returns:
            A float64 array of shape (count,).
        """
        points = np.asarray(points, np.float64).reshape(len(points), -1)
        normalizer = (2 * np.pi * self.std ** 2) ** (self.dimensions / 2)
        density = np.empty(len(points))
        centres_squared = (self.centres ** 2).sum(axis=1)
        for start in range(0, len(points), 256):  # 256 points at a time: memory stays a few MB
            chunk = points[start:start + 256]
            # |x - c|^2 = |x|^2 + |c|^2 - 2 x.c: one matrix product for the chunk, where the
            # difference of every point with every centre made an array `dimensions` times as
            # large (a kernel estimate has a centre per sample: thousands). Rounding can take a
            # distance of 0 a hair below it.
            squared = (chunk ** 2).sum(axis=1)[:, None] + centres_squared[None, :] - 2 * chunk @ self.centres.T
            density[start:start + 256] = np.exp(-np.maximum(squared, 0.0) / (2 * self.std ** 2)).mean(axis=1)
        return density / normalizer


def ring():
    """8 Gaussians evenly spaced on a circle of radius 2, standard deviation 0.02."""
    angles = 2 * np.pi * np.arange(8) / 8
    return GaussianMixture("ring", 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1), 0.02)


def grid():
    """25 Gaussians at x, y in {-4, -2, 0, 2, 4}, standard deviation 0.05."""
    sides = np.arange(-4.0, 5.0, 2.0)
    return GaussianMixture("grid", [(x, y) for x in sides for y in sides], 0.05)


def spiral():
    """A curve rather than separate blobs: 60 Gaussians of standard deviation 0.05 spaced evenly
    along one and a half turns of an Archimedean spiral from radius 0.5 to 3.5, each about 0.32
    from the next, so that they run together into one arm."""
    dense = np.linspace(0.0, 3 * np.pi, 10_000)
    curve = (0.5 + dense / np.pi)[:, None] * np.stack([np.cos(dense), np.sin(dense)], axis=1)
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(curve, axis=0), axis=1))])
    chosen = np.searchsorted(along, np.linspace(0.0, along[-1], 60))
    return GaussianMixture("spiral", curve[np.minimum(chosen, len(curve) - 1)], 0.05)


POINT_SETS = {"ring": ring, "grid": grid, "spiral": spiral}


def get_point_set(name):
    """The built-in mixture called `name`.

    Raises:
        ValueError: for a name not in POINT_SETS; the message lists those that are.
    """
    if name not in POINT_SETS:
        raise ValueError(f"unknown point set {name!r}; choose one of: {', '.join(POINT_SETS)}")
    return POINT_SETS[name]()
