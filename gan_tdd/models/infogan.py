"""InfoGANModel: no labels; the generator's code is made recoverable, so it comes to mean something.

Chen et al. 2016, "InfoGAN: Interpretable Representation Learning by Information Maximizing
Generative Adversarial Nets", https://arxiv.org/abs/1606.03657
"""
import numpy as np

from gan_tdd.augmentation import random_affine
from gan_tdd.auxiliary_losses import mutual_information_penalty, self_augmented_clustering_loss
from gan_tdd.checks import require_int, require_non_negative_number, require_positive_number
from gan_tdd.layers import dense
from gan_tdd.model import GANModel
from gan_tdd.networks import get_discriminator_features
from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1

GRID_COLUMNS = 10


def code_grid(count, categorical_dim, continuous_dim, code=None, sweep=None):
    """InfoGAN's one picture layout: what each of `count` images draws, in rows of ten.

    Row r draws categorical code r mod categorical_dim, or `code` in every row. Along a row:
    - without `sweep`, ten noise vectors, the same ten in each row of a run of different codes,
      so that down a column only the categorical code changes; continuous codes 0;
    - with `sweep` = K, one noise vector per row (again shared by a run of different codes), and
      continuous code K going from -1 to 1 in ten steps, the others 0.
    Rows that draw the same code never share noise: the k-th row of each code takes the k-th
    noise vector (or the k-th ten).

    Returns:
        (noise_index, categorical, continuous): which noise vector each image draws, integers of
        shape (count,); its categorical code, shape (count,); its continuous codes, shape
        (count, continuous_dim). `model.generate(session, noise[noise_index], codes=(categorical,
        continuous))` draws the grid; `gan_tdd.images.save_grid(images, path, columns=10)` saves it.

    Raises:
        ValueError: a code or a sweep the model does not have.
    """
    if code is not None and not 0 <= code < categorical_dim:
        raise ValueError(f"code must be in [0, {categorical_dim}), got {code}")
    if sweep is not None and not 0 <= sweep < continuous_dim:
        raise ValueError(f"sweep must be a continuous code in [0, {continuous_dim}), got {sweep}")
    row, column = np.divmod(np.arange(count), GRID_COLUMNS)
    categorical = row % categorical_dim if code is None else np.full(count, code)
    # How many rows before this one drew the same code.
    repeat = row // categorical_dim if code is None else row
    continuous = np.zeros((count, continuous_dim), np.float32)
    if sweep is None:
        noise_index = repeat * GRID_COLUMNS + column
    else:
        noise_index = repeat
        continuous[:, sweep] = np.linspace(-1, 1, GRID_COLUMNS)[column]
    return noise_index, categorical, continuous


class InfoGANModel(GANModel):
    """An InfoGAN: G reads noise and a code; a head Q on D's body must recover the code.

    The code is one categorical value (`categorical_dim` choices: on MNIST it may become the
    digit, and does when Q also clusters the real images, `clustering_weight`) and
    `continuous_dim` values in [-1, 1] (width, slant, ...). G reads
    [noise, one_hot(categorical), continuous]. Q shares D's body and adds two heads: logits for
    the categorical code and a mean for each continuous one. The mutual-information penalty
    (`gan_tdd.auxiliary_losses`), each of its terms weighted, is added to both d_loss and g_loss; Q's variables
    live in D's scope, so D's optimizer trains them (as in TF-GAN), and G's only moves G.

    The model draws a fresh code for each update itself, in the graph; `generate(session,
    noise, codes)` feeds the code you choose instead. No labels are used.

    Named tensors, besides GANModel's: `categorical_code`, `continuous_code`,
    `q_categorical_logits`, `q_continuous_means`, `d_adversarial_loss`, `g_adversarial_loss`,
    `mutual_information_penalty`, with a clustering_weight `clustering_loss`; `d_loss` and
    `g_loss` are the totals.
    """

    def __init__(self, noise_dim=62, image_shape=(28, 28, 1), *, categorical_dim=10, continuous_dim=2,
                 categorical_weight=1.0, continuous_weight=1.0, clustering_weight=0.0, augmentation=None,
                 networks="dcgan", discriminator_width=64, **options):
        """Args:
            noise_dim: the length of the incompressible noise (62 in the paper's MNIST model).
            categorical_dim: the choices of the categorical code.
            continuous_dim: how many continuous codes, each uniform in [-1, 1].
            categorical_weight: the weight of Q's categorical cross-entropy in both losses (lambda,
                1 in the paper).
            continuous_weight: the weight of Q's continuous negative log-likelihood in both
                losses (see `gan_tdd.auxiliary_losses.mutual_information_penalty`).
            clustering_weight: the weight in d_loss of Q's clustering of the real images
                (`gan_tdd.auxiliary_losses.self_augmented_clustering_loss`: Q names each real
                image's category surely, every category equally often, and the same one for the
                image moved a little). 0, the paper's InfoGAN, where Q sees generated images
                alone. With it, Q's categories are clusters of the data, and G, whose codes Q
                must read back, draws them: on MNIST, the digits (docs/unsupervised.md). It
                costs a third pass of D's body, on the moved real images.
            augmentation: the small moves of that clustering, a function images -> images;
                None for `gan_tdd.augmentation.random_affine()` (shears of up to 0.4, turns
                of up to 15 degrees, zooms of 10%, shifts of 2 pixels).
            The others: as for GANModel; a generator_fn of yours is given the noise and the
                code concatenated, shape (batch, noise_dim + categorical_dim + continuous_dim);
                the discriminator is the `networks` one (a built-in's name, or a module of
                your own: see `gan_tdd.networks`) with Q's heads, so there is no
                discriminator_fn.
        """
        if "discriminator_fn" in options:
            raise ValueError("InfoGANModel builds its discriminator from networks=... (a built-in's name, or "
                             "a module of yours with discriminator_features): it takes no discriminator_fn")
        self.categorical_dim = require_int("categorical_dim", categorical_dim, 2)
        self.continuous_dim = require_int("continuous_dim", continuous_dim, 1)
        self.categorical_weight = require_positive_number("categorical_weight", categorical_weight)
        self.continuous_weight = require_non_negative_number("continuous_weight", continuous_weight)
        self.clustering_weight = require_non_negative_number("clustering_weight", clustering_weight)
        if augmentation is not None and not callable(augmentation):
            raise ValueError(f"augmentation must be a function images -> images, such as "
                             f"gan_tdd.augmentation.random_affine(), or None; got {augmentation!r}")
        self.augmentation = augmentation or random_affine()
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

    def _build_networks(self):
        super()._build_networks()
        self.d_moved_real_outputs = None
        if self.clustering_weight:
            with v1.variable_scope("discriminator", reuse=True):  # the one D, on the moved real images
                self.d_moved_real_outputs = self.discriminate(self.augmentation(self.real_images))

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
        if self.clustering_weight:
            with v1.name_scope("clustering_loss"):
                # On real images alone, so D's update (which trains Q) is the only one it enters.
                self.clustering_loss = tf.identity(self_augmented_clustering_loss(
                    self.d_real_outputs["q_categorical"], self.d_moved_real_outputs["q_categorical"]),
                    name="clustering_loss")
                self.d_loss = tf.add(self.d_loss, self.clustering_weight * self.clustering_loss, name="d_loss")
            self.scalars = {**self.scalars, "d_loss": self.d_loss, "clustering_loss": self.clustering_loss}

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
