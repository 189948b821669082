"""The GAN losses: sigmoid cross-entropy on the discriminator's logits.

Goodfellow et al. 2014, "Generative Adversarial Networks", https://arxiv.org/abs/1406.2661
"""
import tensorflow as tf


def _cross_entropy(logits, label):
    """Mean sigmoid cross-entropy of `logits` against a constant label (1 = real, 0 = fake)."""
    labels = tf.fill(tf.shape(logits), label)
    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits))


def discriminator_loss(real_logits, fake_logits):
    """The discriminator's loss: call real images real and generated images fake.

    d_loss = -mean(log D(x)) - mean(log(1 - D(G(z)))), with D = sigmoid(logits).

    Args:
        real_logits: the discriminator's logits on real images, shape (batch, 1).
        fake_logits: its logits on generated images, shape (batch, 1).

    Returns:
        (d_loss, d_real_loss, d_fake_loss): the total and its two parts, scalar tensors.
    """
    real_loss = _cross_entropy(real_logits, 1.0)
    fake_loss = _cross_entropy(fake_logits, 0.0)
    return real_loss + fake_loss, real_loss, fake_loss


def generator_loss(fake_logits):
    """The generator's non-saturating loss: make the discriminator call generated images real.

    g_loss = -mean(log D(G(z))). The paper's minimax form, mean(log(1 - D(G(z)))), has almost no
    gradient early on, when D rejects every sample with confidence; this form has a strong one.

    Args:
        fake_logits: the discriminator's logits on generated images, shape (batch, 1).

    Returns:
        A scalar tensor.
    """
    return _cross_entropy(fake_logits, 1.0)
