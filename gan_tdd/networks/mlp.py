"""The multilayer-perceptron pair of the classic Keras GAN: dense layers only, no convolutions.

With the default width of 64 the layers are those of Keras-GAN's gan.py
(https://github.com/eriklindernoren/Keras-GAN): G 256 -> 512 -> 1024, D 512 -> 256.
It sees an image as a flat vector, so it learns digits more slowly and more blurrily than DCGAN:
a baseline that shows what convolutions buy.
"""
import numpy as np
from gan_tdd.quiet_tensorflow import tf

from gan_tdd.layers import batch_norm, dense, leaky_relu


def generator(noise, image_shape, training, width=64):
    """Maps noise vectors to images in [-1, 1].

    (dense -> leaky ReLU -> batch norm) with 4*width, 8*width, 16*width units
    -> dense to height*width*channels -> tanh -> reshape to image_shape

    Args:
        noise: a tensor of shape (batch, noise_dim).
        image_shape: (height, width, channels) of the images to make.
        training: True to normalize with batch statistics (and update the moving ones), False
            to sample with the moving statistics.
        width: a quarter of the first hidden layer's units.

    Returns:
        A tensor of shape (batch, *image_shape) with values in [-1, 1].
    """
    x = noise
    for number, units in enumerate((4 * width, 8 * width, 16 * width), start=1):
        x = batch_norm(leaky_relu(dense(x, units, f"hidden_{number}")), training, f"hidden_{number}_bn")
    x = tf.tanh(dense(x, int(np.prod(image_shape)), "pixels"))
    return tf.reshape(x, [-1, *image_shape])


def discriminator(images, width=64):
    """Maps images to one logit each.

    flatten -> dense(8*width) -> leaky ReLU -> dense(4*width) -> leaky ReLU -> dense(1)

    Args:
        images: a tensor of shape (batch, height, width, channels) with values in [-1, 1].
        width: an eighth of the first hidden layer's units.

    Returns:
        A tensor of shape (batch, 1): logits.
    """
    return dense(discriminator_features(images, width), 1, "logit")


def discriminator_features(images, width=64):
    """The discriminator's body, the features its logit is read from.

    flatten -> dense(8*width) -> leaky ReLU -> dense(4*width) -> leaky ReLU

    Returns:
        A tensor of shape (batch, 4*width).
    """
    x = tf.reshape(images, [-1, int(np.prod(images.shape[1:]))])
    x = leaky_relu(dense(x, 8 * width, "hidden_1"))
    return leaky_relu(dense(x, 4 * width, "hidden_2"))
