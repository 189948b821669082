"""Diagnostics: two failures of GAN training said in plain words, on any data, from what the
training itself computes (no classifier, so it speaks on your own pictures and on points too).

- **The discriminator wins**: over an epoch, D gave generated samples a mean probability of
  being real below 0.05 (the cross-entropy losses; for a critic there is no probability). Then
  the generator's gradient carries almost no signal, and its samples stop improving.
- **The samples look alike** (mode collapse): from the second epoch on, the mean distance
  between two of the generator's samples from fixed noise is below a tenth of that between two
  real images. Every sample has become the same blob, or nearly.
"""
import logging

import numpy as np
from scipy.spatial.distance import pdist

from gan_tdd.callbacks.base import Callback
from gan_tdd.data import bytes_to_gan_range, fixed_noise


class Diagnostics(Callback):
    """After every epoch, a warning through the "gan_tdd" logger when the discriminator wins or
    the samples look alike (see the module's docstring); the epoch's logs get `mean_p_fake`
    (where the loss has probabilities) and `sample_diversity`, the ratio of the two mean
    distances (about 1 for samples as varied as the data)."""

    WINNING_P_FAKE = 0.05
    ALIKE = 0.1

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
        # uint8 pictures as the model sees them, in [-1, 1]
        self.real_distance = mean_pairwise_distance(bytes_to_gan_range(real) if real.dtype == np.uint8 else real)
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


def mean_pairwise_distance(samples):
    """The mean Euclidean distance between two different samples of a batch."""
    flat = np.asarray(samples, np.float64).reshape(len(samples), -1)
    return float(pdist(flat).mean()) if len(flat) > 1 else 0.0
