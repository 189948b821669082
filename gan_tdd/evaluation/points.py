"""How well generated points cover a Gaussian mixture: the measures of the 2-D GAN literature.

A point is *high quality* when it lies within 3 standard deviations of some mode's centre; a
mode is *covered* when at least 1% of the points lie that close to it (Srivastava et al. 2017,
VEEGAN, whose table gives the plain GAN 1 mode of 8 on the ring and 3.3 of 25 on the grid).
"""
import logging

import numpy as np

from gan_tdd.callbacks.base import Callback
from gan_tdd.data import fixed_noise

RADIUS_IN_STDS = 3.0
MIN_SHARE = 0.01


def nearest_modes(points, mixture):
    """For each point, its nearest mode and the distance to that mode's centre.

    Returns:
        (modes, distances): int and float64 arrays of shape (count,).
    """
    points = np.asarray(points, np.float64).reshape(len(points), -1)
    distances = np.sqrt(((points[:, None, :] - mixture.centres[None, :, :]) ** 2).sum(axis=-1))
    modes = distances.argmin(axis=1)
    return modes, distances[np.arange(len(points)), modes]


def point_metrics(points, mixture):
    """The measures of `points` against `mixture` (a `gan_tdd.data.points.GaussianMixture`).

    Returns:
        {"modes_covered": int, "modes": the mixture's number of modes, "high_quality_share":
        float in [0, 1], "mode_shares": list of each mode's share of all the points, counting
        only the high-quality ones}.
    """
    modes, distances = nearest_modes(points, mixture)
    close = distances <= RADIUS_IN_STDS * mixture.std
    shares = np.bincount(modes[close], minlength=len(mixture.centres)) / len(modes)
    return {"modes_covered": int((shares >= MIN_SHARE).sum()), "modes": len(mixture.centres),
            "high_quality_share": float(close.mean()), "mode_shares": shares.tolist()}


class PointEvaluationCallback(Callback):
    """After every epoch, scores `count` points generated from fixed noise against the mixture
    and adds `modes_covered` and `high_quality_share` to the epoch's logs (the callbacks after it
    see them); logs one line through the "gan_tdd" logger."""

    def __init__(self, mixture, count=2500, seed=0):
        """Args: mixture: the data's `GaussianMixture`; count: points scored (2,500 as VEEGAN);
        seed: of the fixed noise."""
        self.mixture = mixture
        self.count = count
        self.seed = seed
        self.history = []

    def on_epoch_end(self, epoch, logs=None):
        noise = fixed_noise(self.count, self.model.noise_dim, self.seed)
        metrics = point_metrics(self.model.generate(self.session, noise), self.mixture)
        self.history.append(metrics)
        if logs is not None:
            logs.update(modes_covered=metrics["modes_covered"], high_quality_share=metrics["high_quality_share"])
        logging.getLogger("gan_tdd").info("epoch %d: %d of %d modes covered, %.1f%% high-quality points",
                                          epoch + 1, metrics["modes_covered"], metrics["modes"],
                                          100 * metrics["high_quality_share"])
