"""The built-in networks, and what a network is.

A network is a function from tensors to tensors, as TF-GAN's generator_fn and discriminator_fn:

    generator_fn(noise, image_shape, training) -> images, shape (batch, *image_shape), in [-1, 1]
    discriminator_fn(images) -> logits, shape (batch, 1)

`training` says whether batch norm (if any) uses the batch's statistics. A network makes its
variables with `tf.compat.v1.get_variable`, as every layer of `gan_tdd.layers` does, and opens
no reusing scope itself: the model decides where each network lives and where the
discriminator's variables are shared (see `gan_tdd.model`).

For points instead of images (image_shape (2,), say), the generator returns (batch, *image_shape)
with values anywhere and the discriminator reads points: the `points` pair.

Each built-in module (dcgan, mlp, points) holds such a pair with one more argument, `width`, which
`get_networks` binds. Each also offers `discriminator_features(images, width)`, the
discriminator without its logit layer, for models that read a second head from the same body
(`get_discriminator_features`).
"""
import functools

from gan_tdd.networks import dcgan, mlp, points
from gan_tdd.networks.dcgan import discriminator, generator  # the default pair, by its old names

NETWORKS = {"dcgan": dcgan, "mlp": mlp, "points": points}
# What each built-in pair draws: images (height, width, channels) or points (dimensions,).
DRAWS_POINTS = {"points"}


def get_networks(name, generator_width=64, discriminator_width=64):
    """The built-in pair called `name`, with its widths bound.

    Args:
        name: "dcgan" or "mlp" (images), or "points".
        generator_width: the generator's `width`.
        discriminator_width: the discriminator's `width`.

    Returns:
        (generator_fn, discriminator_fn).

    Raises:
        ValueError: for a name not in NETWORKS; the message lists the names that are.
    """
    if not isinstance(name, str) or name not in NETWORKS:
        raise ValueError(f"unknown networks {name!r}; choose one of: {', '.join(NETWORKS)}")
    module = NETWORKS[name]
    return (functools.partial(module.generator, width=generator_width),
            functools.partial(module.discriminator, width=discriminator_width))


def get_discriminator_features(name, width=64):
    """The body of the built-in discriminator called `name` (everything before its logit), with
    its width bound: images -> features of shape (batch, features).

    Raises:
        ValueError: for a name not in NETWORKS.
    """
    get_networks(name)
    return functools.partial(NETWORKS[name].discriminator_features, width=width)
