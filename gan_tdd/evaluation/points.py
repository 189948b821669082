"""How well generated points cover a Gaussian mixture: the measures of the 2-D GAN literature.

A point is *high quality* when it lies within 3 standard deviations of some mode's centre; a
mode is *covered* when at least 1% of the points lie that close to it (Srivastava et al. 2017,
VEEGAN, whose table gives the plain GAN 1 mode of 8 on the ring and 3.3 of 25 on the grid).
"""
import logging

import numpy as np

from gan_tdd.callbacks.base import Callback
from gan_tdd.data import fixed_noise
from gan_tdd.data.points import GaussianMixture

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


def kernel_density(places, samples, bandwidth):
    """A Gaussian kernel density estimate from `samples`, at `places`: the mean of N(x; s, h^2 I),
    the density of an equal-weight mixture centred on the samples.

    Returns:
        A float64 array of shape (len(places),).
    """
    samples = np.asarray(samples, np.float64)
    return GaussianMixture("kernel estimate", samples.reshape(len(samples), -1), bandwidth).density(places)


def optimal_discriminator(places, mixture, generated, bandwidth=None):
    """D*(x) = p_data(x) / (p_data(x) + p_g(x)) (Goodfellow et al. 2014, Proposition 1), with the
    data's density known and the generator's estimated from `generated` by `kernel_density`
    (bandwidth: the data's own standard deviation unless given). 0.5 where neither has mass
    worth the name: less than 1/10,000 of the data's density at a mode."""
    bandwidth = mixture.std if bandwidth is None else bandwidth
    data, model = mixture.density(places), kernel_density(places, generated, bandwidth)
    total = data + model
    # Far from both, the ratio of two vanishing tails says nothing: there D* is left undecided.
    floor = 1e-4 * mixture.density(mixture.centres[:1])[0]
    return np.where(total > floor, data / np.maximum(total, floor), 0.5)


def jensen_shannon(mixture, generated, seed=0, bandwidth=None):
    """An estimate of JSD(p_data, p_g) in nats, between 0 and log 2: the mean over real points of
    log(2 p_data / (p_data + p_g)) and over the generated ones of log(2 p_g / (p_data + p_g)),
    halved and added, with p_g as in `optimal_discriminator` and as many real points as generated;
    p_data is smoothed by the same kernel as p_g, so this is the divergence of the two smoothed
    densities, which is at most the divergence of the densities themselves.

    At the optimal discriminator the GAN's value function is 2 JSD - log 4 (Goodfellow et al.
    2014, Theorem 1): a discriminator's loss -V can come down to log 4 - 2 JSD, no lower.
    """
    bandwidth = mixture.std if bandwidth is None else bandwidth
    generated = np.asarray(generated, np.float64).reshape(len(generated), -1)
    real = mixture.sample(len(generated), seed=seed)
    # The kernel smooths p_g; p_data is smoothed by the same kernel, which for a mixture of
    # Gaussians only widens each one, so that a generator that draws the data scores near 0.
    smoothed = GaussianMixture(mixture.name, mixture.centres, np.hypot(mixture.std, bandwidth))
    tiny = np.finfo(np.float64).tiny  # log of a density that underflowed: a very large negative, not -inf

    def half(points, own):
        data, model = smoothed.density(points), kernel_density(points, generated, bandwidth)
        mine = data if own == "data" else model
        return np.mean(np.log(2 * mine + tiny) - np.log(data + model + tiny))

    return float(0.5 * half(real, "data") + 0.5 * half(generated, "model"))


class PointEvaluationCallback(Callback):
    """After every epoch, scores `count` points generated from fixed noise against the mixture
    and adds `modes_covered`, `high_quality_share` and `jensen_shannon` (the estimate of
    `jensen_shannon`) to the epoch's logs (the callbacks after it
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
        generated = self.model.generate(self.session, noise)
        metrics = point_metrics(generated, self.mixture)
        # On 1,000 of them: the estimate's kernel sums grow with the square of the count.
        metrics["jensen_shannon"] = jensen_shannon(self.mixture, generated[:1000], seed=self.seed)
        self.history.append(metrics)
        if logs is not None:
            logs.update(modes_covered=metrics["modes_covered"], high_quality_share=metrics["high_quality_share"],
                        jensen_shannon=metrics["jensen_shannon"])
        logging.getLogger("gan_tdd").info("epoch %d: %d of %d modes covered, %.1f%% high-quality points, "
                                          "Jensen-Shannon divergence %.3f", epoch + 1, metrics["modes_covered"],
                                          metrics["modes"], 100 * metrics["high_quality_share"],
                                          metrics["jensen_shannon"])
