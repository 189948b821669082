"""The generator's loss of an image-to-image GAN: a pixel loss beside an adversarial loss.

    g_loss = pixel_loss + weight * adversarial_loss

The pixel loss (mean L1 to the original) alone gives a blurry average of every image that fits
the damage; the adversarial loss (any generator loss of `gan_tdd.losses`) pushes the result
toward images the discriminator believes, i.e. sharp ones (Isola et al. 2017, pix2pix,
https://arxiv.org/abs/1611.07004). Two ways to choose the weight, as TF-GAN's
`combine_adversarial_loss` offers:

    a fixed weight           combine(pixel, adversarial, weight=0.01)
    a ratio of gradients     combine(pixel, adversarial,
                                     weight=gradient_ratio_weight(pixel, adversarial, generator_variables, 1.0))

The second keeps the pixel loss's gradient on the generator's variables a chosen multiple of the
weighted adversarial term's, however their scales drift while training (TF-GAN's convention:
gradient_ratio = ||grad pixel|| / ||grad weight * adversarial||, so 2 lets the pixel loss pull twice
as hard).
"""
import numbers

from gan_tdd.quiet_tensorflow import tf


def pixel_loss(images, targets):
    """The mean absolute difference between two batches of images: L1, which blurs less than L2.

    Args:
        images: a float tensor, e.g. the generator's restored images.
        targets: a float tensor of the same shape, e.g. the original images.

    Returns:
        A scalar tensor, mean |images - targets| over every pixel of the batch.
    """
    return tf.reduce_mean(tf.abs(images - targets))


def combine(pixel_loss, adversarial_loss, weight):
    """pixel_loss + weight * adversarial_loss.

    A weight of exactly 0 (a Python number) leaves the adversarial term out of the graph, so the
    loss and its gradients are the pixel loss's alone, even where the adversarial loss is NaN.

    Args:
        pixel_loss: a scalar tensor.
        adversarial_loss: a scalar tensor, e.g. `get_loss(name).generator_loss(fake_logits)`.
        weight: a number >= 0, or a scalar tensor such as `gradient_ratio_weight`'s.

    Returns:
        A scalar tensor.

    Raises:
        ValueError: `weight` is a negative number, or not a number nor a tensor.
    """
    if isinstance(weight, tf.Tensor):
        return pixel_loss + weight * adversarial_loss
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real) or not weight >= 0:
        raise ValueError(f"weight must be a number >= 0 or a scalar tensor, got {weight!r}")
    if weight == 0:
        return tf.identity(pixel_loss)
    return pixel_loss + float(weight) * adversarial_loss


def gradient_ratio_weight(pixel_loss, adversarial_loss, variables, gradient_ratio=1.0, epsilon=1e-6):
    """The weight that makes the pixel loss's gradient `gradient_ratio` times the adversarial term's.

    weight = ||d pixel_loss / d variables|| / (||d adversarial_loss / d variables|| + epsilon)
             / gradient_ratio,

    with each norm over all of `variables` at once (a global norm): TF-GAN's
    `combine_adversarial_loss(gradient_ratio=...)`, whose ratio is the main loss's gradient over the
    adversarial one's. Taken on the generator's variables, it balances what each loss does to the
    weights; taken on the images instead, the mean-L1 gradient is sign/N whatever the errors, and
    the weight would only pin the adversarial image-gradient to a fixed size. The weight is held
    constant (stop_gradient): it scales the adversarial gradient, it is not itself a thing to minimize.

    Args:
        pixel_loss: a scalar tensor, the main loss.
        adversarial_loss: a scalar tensor.
        variables: the tensor or list of tensors the gradients are taken with respect to: the
            generator's variables.
        gradient_ratio: ||d pixel_loss|| / ||d (weight * adversarial_loss)||, a number > 0; 1 for
            equal pulls, 2 for a pixel loss that pulls twice as hard.
        epsilon: added to the denominator, so that a flat adversarial loss gives no infinity.

    Returns:
        A scalar tensor.

    Raises:
        ValueError: `gradient_ratio` is not a number > 0, or a loss does not depend on `variables`.
    """
    if isinstance(gradient_ratio, bool) or not isinstance(gradient_ratio, numbers.Real) or not gradient_ratio > 0:
        raise ValueError(f"gradient_ratio must be a number > 0, got {gradient_ratio!r}")
    variables = list(variables) if isinstance(variables, (list, tuple)) else [variables]
    norms = []
    for name, loss in (("pixel_loss", pixel_loss), ("adversarial_loss", adversarial_loss)):
        gradients = tf.gradients(loss, variables)
        if any(gradient is None for gradient in gradients):
            raise ValueError(f"{name} does not depend on every tensor of variables, so it has no gradient to weigh")
        norms.append(tf.linalg.global_norm(gradients))
    pixel_norm, adversarial_norm = norms
    return tf.stop_gradient(pixel_norm / (adversarial_norm + epsilon) / gradient_ratio,
                            name="gradient_ratio_weight")
