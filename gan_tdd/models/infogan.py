"""InfoGANModel: no labels; the generator's code is made recoverable, so it comes to mean something.

Chen et al. 2016, "InfoGAN: Interpretable Representation Learning by Information Maximizing
Generative Adversarial Nets", https://arxiv.org/abs/1606.03657
"""
import numpy as np

from gan_tdd.auxiliary_losses import mutual_information_penalty
from gan_tdd.checks import require_int, require_non_negative_number, require_positive_number
from gan_tdd.layers import dense
from gan_tdd.model import GANModel
from gan_tdd.networks import get_discriminator_features
from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1


class InfoGANModel(GANModel):
    """An InfoGAN: G reads noise and a code; a head Q on D's body must recover the code.

    The code is one categorical value (`categorical_dim` choices: on MNIST it tends to become
    the digit) and `continuous_dim` values in [-1, 1] (width, slant, ...). G reads
    [noise, one_hot(categorical), continuous]. Q shares D's body and adds two heads: logits for
    the categorical code and a mean for each continuous one. The mutual-information penalty
    (`gan_tdd.auxiliary_losses`), each of its terms weighted, is added to both d_loss and g_loss; Q's variables
    live in D's scope, so D's optimizer trains them (as in TF-GAN), and G's only moves G.

    The model draws a fresh code for each update itself, in the graph; `generate(session,
    noise, codes)` feeds the code you choose instead. No labels are used.

    Named tensors, besides GANModel's: `categorical_code`, `continuous_code`,
    `q_categorical_logits`, `q_continuous_means`, `d_adversarial_loss`, `g_adversarial_loss`,
    `mutual_information_penalty`; `d_loss` and `g_loss` are the totals.
    """

    def __init__(self, noise_dim=62, image_shape=(28, 28, 1), *, categorical_dim=10, continuous_dim=2,
                 categorical_weight=1.0, continuous_weight=1.0, networks="dcgan", discriminator_width=64,
                 **options):
        """Args:
            noise_dim: the length of the incompressible noise (62 in the paper's MNIST model).
            categorical_dim: the choices of the categorical code.
            continuous_dim: how many continuous codes, each uniform in [-1, 1].
            categorical_weight: the weight of Q's categorical cross-entropy in both losses (lambda,
                1 in the paper).
            continuous_weight: the weight of Q's continuous negative log-likelihood in both
                losses (see `gan_tdd.auxiliary_losses.mutual_information_penalty`).
            The others: as for GANModel; a generator_fn of yours is given the noise and the
                code concatenated, shape (batch, noise_dim + categorical_dim + continuous_dim);
                the discriminator is the `networks` one with Q's heads, so there is no
                discriminator_fn.
        """
        if "discriminator_fn" in options:
            raise ValueError("InfoGANModel builds its discriminator from networks=...: it takes no "
                             "discriminator_fn")
        self.categorical_dim = require_int("categorical_dim", categorical_dim, 2)
        self.continuous_dim = require_int("continuous_dim", continuous_dim, 1)
        self.categorical_weight = require_positive_number("categorical_weight", categorical_weight)
        self.continuous_weight = require_non_negative_number("continuous_weight", continuous_weight)
        self.discriminator_features_fn = get_discriminator_features(networks, discriminator_width)
        super().__init__(noise_dim, image_shape, networks=networks, discriminator_width=discriminator_width,
                         **options)

    def _build_inputs(self):
        super()._build_inputs()
        # Random codes unless fed: each update draws its own, as the noise is fresh each update.
        batch = tf.shape(self.noise)[0]
        self.categorical_code = v1.placeholder_with_default(
            v1.random_uniform([batch], 0, self.categorical_dim, dtype=tf.int32), [None],
            name="categorical_code")
        self.continuous_code = v1.placeholder_with_default(
            v1.random_uniform([batch, self.continuous_dim], -1.0, 1.0), [None, self.continuous_dim],
            name="continuous_code")

    def generator_inputs(self):
        """The noise, the one-hot categorical code and the continuous codes, side by side."""
        return tf.concat([self.noise, tf.one_hot(self.categorical_code, self.categorical_dim),
                          self.continuous_code], axis=1)

    def discriminate(self, images):
        """D's logit and Q's two heads on one body: "logits" (batch, 1), "q_categorical"
        (batch, categorical_dim) and "q_continuous" (batch, continuous_dim). Q's variables live
        in D's scope, so D's optimizer trains them; on generated images Q reads back their code."""
        features = self.discriminator_features_fn(images)
        return {"logits": dense(features, 1, "logit"),
                "q_categorical": dense(features, self.categorical_dim, "q_categorical"),
                "q_continuous": dense(features, self.continuous_dim, "q_continuous")}

    def _build_losses(self):
        self.q_categorical_logits = self.d_fake_outputs["q_categorical"]
        self.q_continuous_means = self.d_fake_outputs["q_continuous"]
        super()._build_losses()  # the GAN losses, on D's logit
        self.d_adversarial_loss, self.g_adversarial_loss = self.d_loss, self.g_loss
        with v1.name_scope("information_losses"):
            # Weighted within: each term has a weight of its own.
            self.mutual_information_penalty = tf.identity(mutual_information_penalty(
                self.q_categorical_logits, self.categorical_code, self.q_continuous_means,
                self.continuous_code, self.categorical_weight, self.continuous_weight),
                name="mutual_information_penalty")
            self.d_loss = tf.add(self.d_adversarial_loss, self.mutual_information_penalty, name="d_loss")
            self.g_loss = tf.add(self.g_adversarial_loss, self.mutual_information_penalty, name="g_loss")
        self.scalars = {**self.scalars, "d_loss": self.d_loss, "g_loss": self.g_loss,
                        "mutual_information_penalty": self.mutual_information_penalty}

    def q_categories(self, session, images, batch_size=500):
        """Q as a classifier: the categorical code its head reads in each image (real ones too).

        Args:
            session: a session on `model.graph` whose variables are initialized or restored.
            images: floats in [-1, 1] of shape (count, *image_shape).
            batch_size: images per run of the graph.

        Returns:
            int64 categories of shape (count,), in [0, categorical_dim).
        """
        logits = [session.run(self.d_real_outputs["q_categorical"],
                              {self.real_images: images[start:start + batch_size]})
                  for start in range(0, len(images), batch_size)]
        return np.concatenate(logits).argmax(axis=1).astype(np.int64)

    def generate(self, session, noise, codes=None):
        """Generate one image per noise vector, from the code you choose.

        Args:
            session: a session on `model.graph` whose variables are initialized or restored.
            noise: an array of shape (count, noise_dim).
            codes: (categorical, continuous): integers of shape (count,) in [0, categorical_dim)
                and floats of shape (count, continuous_dim), usually in [-1, 1]; None for every
                categorical value in turn (0, 1, ..., 0, 1, ...) with continuous codes 0.

        Returns:
            A float32 array of shape (count, *image_shape) with values in [-1, 1].

        Raises:
            ValueError: codes of the wrong shape, or a categorical code out of range.
        """
        count = len(noise)
        if codes is None:
            codes = (np.arange(count) % self.categorical_dim, np.zeros((count, self.continuous_dim)))
        categorical, continuous = (np.asarray(code) for code in codes)
        if categorical.dtype.kind not in "iu" or categorical.shape != (count,):
            raise ValueError(f"codes[0] must be {count} integer categorical codes, got dtype "
                             f"{categorical.dtype} and shape {categorical.shape}")
        if count and not 0 <= categorical.min() <= categorical.max() < self.categorical_dim:
            raise ValueError(f"codes[0] must be in [0, {self.categorical_dim}), got values in "
                             f"[{categorical.min()}, {categorical.max()}]")
        if continuous.shape != (count, self.continuous_dim):
            raise ValueError(f"codes[1] must have shape ({count}, {self.continuous_dim}), got "
                             f"{continuous.shape}")
        return session.run(self.sampled_images, {self.noise: noise, self.categorical_code: categorical,
                                                 self.continuous_code: continuous})
