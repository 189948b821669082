"""Diagnostics: two failures of GAN training said in plain words, on any data, from what the
training itself computes (no classifier, so it speaks on your own pictures and on points too).

- **The discriminator wins**: over an epoch, D gave generated samples a mean probability of
  being real below 0.05 (the cross-entropy losses; for a critic there is no probability). Then
  the generator's gradient carries almost no signal, and its samples stop improving.
- **The samples look alike** (mode collapse): from the second epoch on, the mean distance
  between two of the generator's samples from fixed noise is below a tenth of that between two
  real images. Every sample has become the same blob, or nearly.
- **The samples copy training pictures** (memorising, the risk of a small data set): a sample's
  distance to its nearest training picture, on the mean, is below a fifth of a training
  picture's distance to its nearest other one.
"""
import logging

import numpy as np
from scipy.spatial.distance import cdist, pdist

from gan_tdd.callbacks.base import Callback
from gan_tdd.data import fixed_noise, in_gan_range


class Diagnostics(Callback):
    """After every epoch, a warning through the "gan_tdd" logger when the discriminator wins, the
    samples look alike or they copy training pictures (see the module's docstring); the epoch's
    logs get `mean_p_fake` (where the loss has probabilities), `sample_diversity`, the ratio of
    the two mean pairwise distances (about 1 for samples as varied as the data), and
    `nearest_real`, the ratio of the two nearest-picture distances (about 1 for samples as far
    from the training pictures as a new picture would be; near 0 for copies)."""

    WINNING_P_FAKE = 0.05
    ALIKE = 0.1
    COPYING = 0.2
    # The training pictures a sample is compared with: all of them, up to this many.
    REFERENCE = 2000

    def __init__(self, samples=64, seed=0, logger=None):
        """Args: samples: generated and real samples compared; seed: of the fixed noise;
        logger: a logging.Logger, None for logging.getLogger("gan_tdd")."""
        self.samples = samples
        self.seed = seed
        self.logger = logger or logging.getLogger("gan_tdd")
        self.warnings = []

    def set_model(self, model, session, dataset=None):
        super().set_model(model, session, dataset)
        self.noise = fixed_noise(self.samples, model.noise_dim, self.seed)
        real = dataset.images[np.random.default_rng(self.seed).permutation(len(dataset.images))[:self.samples]]
        self.real_distance = mean_pairwise_distance(in_gan_range(real))
        reference = dataset.images[np.random.default_rng(self.seed + 1).permutation(len(dataset.images))[
            :self.REFERENCE]]
        self.reference = in_gan_range(reference)
        # A training picture's own nearest other picture, for the first `samples` of them.
        self.real_nearest = mean_nearest_distance(self.reference[:self.samples], self.reference, leave_out_self=True)
        self.p_fake = []

    def fetches(self, step):
        return {"p_fake": self.model.p_fake} if "p_fake" in self.model.scalars else None

    def on_step_end(self, step, logs=None):
        if "p_fake" in (logs or {}):
            self.p_fake.append(logs["p_fake"])

    def on_epoch_end(self, epoch, logs=None):
        logs = {} if logs is None else logs
        generated = self.model.generate(self.session, self.noise)
        diversity = mean_pairwise_distance(generated) / max(self.real_distance, 1e-12)
        logs["sample_diversity"] = float(diversity)
        nearest = mean_nearest_distance(generated, self.reference) / max(self.real_nearest, 1e-12)
        logs["nearest_real"] = float(nearest)
        if nearest < self.COPYING:
            self._warn(f"epoch {epoch + 1}: the samples copy training pictures: a sample lies {nearest:.2f} times as "
                       "far from its nearest training picture as a training picture from its nearest other one. "
                       "More pictures, fewer epochs or a smaller generator help (--generator-width).")
        if self.p_fake:
            mean_p_fake = float(np.mean(self.p_fake))
            logs["mean_p_fake"] = mean_p_fake
            self.p_fake = []
            if mean_p_fake < self.WINNING_P_FAKE:
                self._warn(f"epoch {epoch + 1}: the discriminator is winning: it gave generated samples a mean "
                           f"probability of {mean_p_fake:.3f} of being real, so the generator's gradient carries "
                           "little signal. Try a lower discriminator learning rate, label smoothing, or another "
                           "loss (docs/losses.md).")
        # After the first epoch only: an untrained generator draws near-identical samples,
        # which is not yet a collapse (64x64 pictures: 0.08 after one epoch, 0.29 after two).
        if diversity < self.ALIKE and epoch >= 1:
            self._warn(f"epoch {epoch + 1}: the samples look alike: two of them differ {diversity:.2f} times as "
                       "much as two real ones (mode collapse). Try another seed, a lower learning rate, "
                       "--pack 2, or another loss (docs/losses.md).")

    def _warn(self, message):
        self.warnings.append(message)
        self.logger.warning(message)


def mean_nearest_distance(samples, reference, leave_out_self=False):
    """The mean Euclidean distance from each sample to its nearest neighbour in `reference`; with
    `leave_out_self`, the samples are reference[:len(samples)] and each skips itself."""
    flat = np.asarray(samples, np.float64).reshape(len(samples), -1)
    distances = cdist(flat, np.asarray(reference, np.float64).reshape(len(reference), -1))
    if leave_out_self:
        distances[np.arange(len(flat)), np.arange(len(flat))] = np.inf
    return float(distances.min(axis=1).mean())


def mean_pairwise_distance(samples):
    """The mean Euclidean distance between two different samples of a batch."""
    flat = np.asarray(samples, np.float64).reshape(len(samples), -1)
    return float(pdist(flat).mean()) if len(flat) > 1 else 0.0
