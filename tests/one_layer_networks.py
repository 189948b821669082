"""The suite's smallest networks, as a networks module of your own: the three functions of the
built-in ones (`gan_tdd.networks.dcgan`), one dense layer each, so that `networks=one_layer_networks`
serves any model (ACGAN's and InfoGAN's heads, the projection discriminator included).

A model with them builds in half the time of the DCGAN pair at 4 channels, and building is most
of the suite's time. The tests that use them check a model's wiring, which any networks go
through; what the DCGAN pair brings (batch norm, its convolutions) is checked with it.
`width` is the built-in networks' argument: these have no hidden layer for it to size.
"""
import numpy as np

# TensorFlow is imported in each function, not here: tests/conftest.py imports this module
# before it loads TensorFlow quietly.


def generator(noise, image_shape, training, width=1):
    """One dense layer from the noise to every pixel, then tanh."""
    from gan_tdd.layers import dense
    from gan_tdd.quiet_tensorflow import tf

    return tf.reshape(tf.tanh(dense(noise, int(np.prod(image_shape)), "pixels")), [-1, *image_shape])


def discriminator_features(images, width=1):
    """The pixels themselves, flattened: the body a second head reads."""
    from gan_tdd.quiet_tensorflow import tf

    return tf.reshape(images, [-1, int(np.prod(images.shape[1:]))])


def discriminator(images, width=1):
    """One dense layer from every pixel to the logit."""
    from gan_tdd.layers import dense

    return dense(discriminator_features(images), 1, "logit")
