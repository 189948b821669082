"""The pair for points in the plane: small multilayer perceptrons, as the 2-D GAN papers use.

    generator:      noise -> (dense(width) -> ReLU) x 3 -> dense(dimensions), no squashing
    discriminator:  point -> (dense(width) -> ReLU) x 3 -> dense(1), the logit

The generator's output is not squashed by tanh: the data's points lie where they lie (the grid
reaches 4), and no batch norm: each point is drawn on its own, as the data's are.
"""
import numpy as np
from gan_tdd.quiet_tensorflow import tf

from gan_tdd.layers import dense, leaky_relu

LAYERS = 3


def generator(noise, image_shape, training, width=128):
    """Maps noise vectors to points.

    Args:
        noise: a tensor of shape (batch, noise_dim).
        image_shape: (dimensions,) of a point: (2,) in the plane.
        training: unused (no batch norm), kept for the networks' common signature.
        width: the units of each hidden layer.

    Returns:
        A tensor of shape (batch, *image_shape).
    """
    x = noise
    for number in range(1, LAYERS + 1):
        x = tf.nn.relu(dense(x, width, f"hidden_{number}"))
    return tf.reshape(dense(x, int(np.prod(image_shape)), "points"), [-1, *image_shape])


def discriminator(points, width=128):
    """Maps points to one logit each: a tensor of shape (batch, 1)."""
    return dense(discriminator_features(points, width), 1, "logit")


def discriminator_features(points, width=128):
    """The discriminator's body: (dense(width) -> ReLU) x 3, a tensor of shape (batch, width)."""
    x = tf.reshape(points, [-1, int(np.prod(points.shape[1:]))])
    for number in range(1, LAYERS + 1):
        x = leaky_relu(dense(x, width, f"hidden_{number}"))
    return x
