"""The GAN loss family: pairs of small functions of the discriminator's outputs.

Each loss is a generator loss and a discriminator loss that belong together. Both read only the
discriminator's outputs (logits, or a critic's raw scores); the gradient penalty also reads the
discriminator itself, as a function. `get_loss(name)` gives the pair by its name:

    minimax          Goodfellow et al. 2014   https://arxiv.org/abs/1406.2661
    non-saturating   Goodfellow et al. 2014   (the default)
    least-squares    Mao et al. 2017          https://arxiv.org/abs/1611.04076
    wasserstein      Arjovsky et al. 2017     https://arxiv.org/abs/1701.07875
    wasserstein-gp   Gulrajani et al. 2017    https://arxiv.org/abs/1704.00028
    hinge            Lim & Ye 2017            https://arxiv.org/abs/1705.02894
                     Miyato et al. 2018       https://arxiv.org/abs/1802.05957

Below, D(x) is the discriminator's output on real images and D(G(z)) on generated ones. For the
two cross-entropy losses D = sigmoid(logit), a probability; for the others D is the raw output.
"""
import dataclasses
from typing import Callable

from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1


def _cross_entropy(logits, label):
    """Mean sigmoid cross-entropy of `logits` against a constant label in [0, 1].

    sigmoid_cross_entropy_with_logits is -label * log(sigmoid(l)) - (1 - label) * log(1 - sigmoid(l))
    written without the sigmoid, so that a logit of +-1000 costs 1000 instead of inf.
    """
    labels = tf.fill(tf.shape(logits), label)
    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits))


def cross_entropy_discriminator_loss(real_logits, fake_logits, label_smoothing=0.0):
    """The discriminator's loss of the minimax and non-saturating GAN: real is 1, fake is 0.

    d_loss = -mean log D(x) - mean log(1 - D(G(z))), with D = sigmoid(logit).

    With one-sided label smoothing (Salimans et al. 2016, https://arxiv.org/abs/1606.03498) the
    real images' label is 1 - label_smoothing instead of 1, so that D is not rewarded for ever
    more confident logits on real images; the fake images' label stays 0.

    Args:
        real_logits: the discriminator's logits on real images, shape (batch, 1).
        fake_logits: its logits on generated images, shape (batch, 1).
        label_smoothing: how much to lower the real label; 0.1 makes it 0.9.

    Returns:
        {"d_loss", "d_real_loss", "d_fake_loss"}: the total and its real and fake terms, scalars.
    """
    real_loss = _cross_entropy(real_logits, 1.0 - label_smoothing)
    fake_loss = _cross_entropy(fake_logits, 0.0)
    return {"d_loss": real_loss + fake_loss, "d_real_loss": real_loss, "d_fake_loss": fake_loss}


def minimax_generator_loss(fake_logits):
    """The generator's loss in the GAN paper's value function: make D(G(z)) large.

    g_loss = mean log(1 - D(G(z))) = -mean softplus(logit). It saturates: when D rejects every
    sample with confidence, log(1 - D) is flat near 0 and the generator barely learns. The
    non-saturating loss fixes that; this one is here to show why.

    Args:
        fake_logits: the discriminator's logits on generated images, shape (batch, 1).

    Returns:
        A scalar tensor, always <= 0.
    """
    return -_cross_entropy(fake_logits, 0.0)


def non_saturating_generator_loss(fake_logits):
    """The generator's non-saturating loss: make the discriminator call generated images real.

    g_loss = -mean log D(G(z)). Same fixed point as the minimax loss, but a strong gradient
    exactly when D rejects the samples, early in training.

    Args:
        fake_logits: the discriminator's logits on generated images, shape (batch, 1).

    Returns:
        A scalar tensor, always >= 0.
    """
    return _cross_entropy(fake_logits, 1.0)


def least_squares_generator_loss(fake_outputs):
    """The least-squares GAN's generator loss: pull D(G(z)) to the real target 1.

    g_loss = 1/2 mean (D(G(z)) - 1)^2, with D the raw output (no sigmoid).

    Args:
        fake_outputs: the discriminator's raw outputs on generated images, shape (batch, 1).

    Returns:
        A scalar tensor.
    """
    return 0.5 * tf.reduce_mean(tf.square(fake_outputs - 1.0))


def least_squares_discriminator_loss(real_outputs, fake_outputs):
    """The least-squares GAN's discriminator loss: real to 1, fake to 0, by squared error.

    d_loss = 1/2 mean (D(x) - 1)^2 + 1/2 mean D(G(z))^2. Unlike cross-entropy, a sample far on
    the right side of the boundary still costs something, so it still gives G a gradient.

    Args:
        real_outputs: the discriminator's raw outputs on real images, shape (batch, 1).
        fake_outputs: its raw outputs on generated images, shape (batch, 1).

    Returns:
        {"d_loss", "d_real_loss", "d_fake_loss"}: the total and its real and fake terms, scalars.
    """
    real_loss = 0.5 * tf.reduce_mean(tf.square(real_outputs - 1.0))
    fake_loss = 0.5 * tf.reduce_mean(tf.square(fake_outputs))
    return {"d_loss": real_loss + fake_loss, "d_real_loss": real_loss, "d_fake_loss": fake_loss}


def wasserstein_generator_loss(fake_outputs):
    """The generator's loss of the Wasserstein and hinge GANs: raise the critic's score.

    g_loss = -mean D(G(z)), with D the critic's raw score.

    Args:
        fake_outputs: the critic's scores of generated images, shape (batch, 1).

    Returns:
        A scalar tensor.
    """
    return -tf.reduce_mean(fake_outputs)


def wasserstein_discriminator_loss(real_outputs, fake_outputs, gradient_penalty=None,
                                   gradient_penalty_weight=10.0):
    """The Wasserstein critic's loss: score real images high and generated ones low.

    d_loss = mean D(G(z)) - mean D(x) [+ gradient_penalty_weight * gradient_penalty].

    critic_gap = mean D(x) - mean D(G(z)) is the critic's estimate of the Wasserstein distance
    between the data and the generator (up to a constant factor), so it should fall as G learns.
    The estimate holds only for a critic with bounded slope: clip its weights (Arjovsky 2017) or
    add a gradient penalty (Gulrajani 2017, see `gradient_penalty`).

    Args:
        real_outputs: the critic's scores of real images, shape (batch, 1).
        fake_outputs: its scores of generated images, shape (batch, 1).
        gradient_penalty: a scalar tensor from `gradient_penalty`, or None for none.
        gradient_penalty_weight: lambda, the penalty's weight in d_loss (10 in the paper).

    Returns:
        {"d_loss", "d_real_loss", "d_fake_loss", "critic_gap"}, and "gradient_penalty" (the
        unweighted penalty) when one is given: scalar tensors.
    """
    real_loss = -tf.reduce_mean(real_outputs)
    fake_loss = tf.reduce_mean(fake_outputs)
    parts = {"d_loss": real_loss + fake_loss, "d_real_loss": real_loss, "d_fake_loss": fake_loss,
             "critic_gap": -(real_loss + fake_loss)}
    if gradient_penalty is not None:
        parts["d_loss"] += gradient_penalty_weight * gradient_penalty
        parts["gradient_penalty"] = gradient_penalty
    return parts


def gradient_penalty(discriminator_fn, real_images, fake_images, epsilon=1e-10, seed=None):
    """The WGAN-GP penalty: how far the critic's slope is from 1 between real and fake images.

    x_hat = x + alpha * (G(z) - x), one alpha ~ U[0, 1] per example;
    gradient_penalty = mean over examples of (||grad D(x_hat)|| - 1)^2,
    with the norm over all of an example's pixels and channels, and ||g|| = sqrt(sum g^2):
    the epsilon keeps the penalty's own gradient finite where D's gradient is zero.

    `discriminator_fn` is called once more, on x_hat; call this inside the scope that reuses
    the discriminator's variables, so that the penalty measures that discriminator and adds no
    variables of its own.

    Args:
        discriminator_fn: images -> outputs of shape (batch, 1).
        real_images: a batch of real images, shape (batch, height, width, channels).
        fake_images: a batch of generated images of the same shape.
        epsilon: added under the square root of the norm.
        seed: the op-level seed of the interpolation coefficients, or None.

    Returns:
        A scalar tensor, the unweighted penalty.
    """
    rank = real_images.shape.rank
    alpha = v1.random_uniform([tf.shape(real_images)[0]] + [1] * (rank - 1), seed=seed,
                              name="interpolation_coefficients")
    interpolates = real_images + alpha * (fake_images - real_images)
    gradients = tf.gradients(discriminator_fn(interpolates), interpolates)[0]
    norms = tf.sqrt(tf.reduce_sum(tf.square(gradients), axis=list(range(1, rank))) + epsilon)
    return tf.reduce_mean(tf.square(norms - 1.0))


def hinge_discriminator_loss(real_outputs, fake_outputs):
    """The hinge loss of geometric GAN and SN-GAN: real above 1, fake below -1, then no cost.

    d_loss = mean relu(1 - D(x)) + mean relu(1 + D(G(z))), with D the raw output.

    Args:
        real_outputs: the discriminator's raw outputs on real images, shape (batch, 1).
        fake_outputs: its raw outputs on generated images, shape (batch, 1).

    Returns:
        {"d_loss", "d_real_loss", "d_fake_loss"}: the total and its real and fake terms, scalars.
    """
    real_loss = tf.reduce_mean(tf.nn.relu(1.0 - real_outputs))
    fake_loss = tf.reduce_mean(tf.nn.relu(1.0 + fake_outputs))
    return {"d_loss": real_loss + fake_loss, "d_real_loss": real_loss, "d_fake_loss": fake_loss}


@dataclasses.dataclass(frozen=True)
class GANLoss:
    """One member of the loss family: a generator loss and the discriminator loss it pairs with.

    Attributes:
        name: the name `get_loss` knows it by.
        generator_loss: fake_outputs -> a scalar tensor.
        discriminator_loss: (real_outputs, fake_outputs, **options) -> a dict of scalar tensors
            with at least "d_loss", "d_real_loss" and "d_fake_loss".
        outputs_are_probabilities: True when sigmoid(output) is D's probability that an image is
            real (the cross-entropy losses); False when the output is a raw score.
        options: the keyword arguments of `discriminator_loss` that the model fills in from its
            own settings of the same names.
        clips_weights: True when every discriminator weight is clipped to +-clip_value after each
            discriminator update (the original WGAN's way to bound the critic's slope).
        penalizes_gradient: True when the model builds a `gradient_penalty` for the
            discriminator loss (WGAN-GP's way).
    """
    name: str
    generator_loss: Callable
    discriminator_loss: Callable
    outputs_are_probabilities: bool
    options: tuple = ()
    clips_weights: bool = False
    penalizes_gradient: bool = False


LOSSES = {loss.name: loss for loss in [
    GANLoss("minimax", minimax_generator_loss, cross_entropy_discriminator_loss,
            outputs_are_probabilities=True, options=("label_smoothing",)),
    GANLoss("non-saturating", non_saturating_generator_loss, cross_entropy_discriminator_loss,
            outputs_are_probabilities=True, options=("label_smoothing",)),
    GANLoss("least-squares", least_squares_generator_loss, least_squares_discriminator_loss,
            outputs_are_probabilities=False),
    GANLoss("wasserstein", wasserstein_generator_loss, wasserstein_discriminator_loss,
            outputs_are_probabilities=False, clips_weights=True),
    GANLoss("wasserstein-gp", wasserstein_generator_loss, wasserstein_discriminator_loss,
            outputs_are_probabilities=False, penalizes_gradient=True,
            options=("gradient_penalty", "gradient_penalty_weight")),
    GANLoss("hinge", wasserstein_generator_loss, hinge_discriminator_loss,
            outputs_are_probabilities=False),
]}


def get_loss(name):
    """The GANLoss called `name`.

    Raises:
        ValueError: for a name not in LOSSES; the message lists the names that are.
    """
    if not isinstance(name, str) or name not in LOSSES:
        raise ValueError(f"unknown loss {name!r}; choose one of: {', '.join(LOSSES)}")
    return LOSSES[name]
