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

A module of your own with the same three functions serves wherever a built-in's name does:
`ACGANModel(networks=my_networks)` reads its class head from your discriminator's body, as
`networks="dcgan"` reads it from DCGAN's.
"""
import functools

from gan_tdd.networks import dcgan, mlp, points
from gan_tdd.networks.dcgan import discriminator, generator  # the default pair, by its old names

NETWORKS = {"dcgan": dcgan, "mlp": mlp, "points": points}
# What each built-in pair draws: images (height, width, channels) or points (dimensions,).
DRAWS_POINTS = {"points"}


def _networks_module(networks, needs):
    """The module that holds the networks: the built-in one called `networks`, or `networks`
    itself when it is a module of your own with the functions named in `needs`."""
    if isinstance(networks, str):
        if networks not in NETWORKS:
            raise ValueError(f"unknown networks {networks!r}; choose one of: {', '.join(NETWORKS)}")
        return NETWORKS[networks]
    missing = [name for name in needs if not callable(getattr(networks, name, None))]
    if missing:
        raise ValueError(f"networks must be the name of a built-in pair ({', '.join(NETWORKS)}) or a module "
                         f"with the functions {', '.join(needs)} (as gan_tdd.networks.dcgan); "
                         f"{networks!r} has no {', '.join(missing)}")
    return networks


def get_networks(networks, generator_width=64, discriminator_width=64):
    """The pair of networks `networks` holds, with its widths bound.

    Args:
        networks: "dcgan" or "mlp" (images), or "points"; or a module of your own with
            `generator(noise, image_shape, training, width)` and `discriminator(images, width)`.
        generator_width: the generator's `width`.
        discriminator_width: the discriminator's `width`.

    Returns:
        (generator_fn, discriminator_fn).

    Raises:
        ValueError: for a name not in NETWORKS (the message lists the names that are), or a
            module without those functions.
    """
    module = _networks_module(networks, ("generator", "discriminator"))
    return (functools.partial(module.generator, width=generator_width),
            functools.partial(module.discriminator, width=discriminator_width))


def get_discriminator_features(networks, width=64):
    """The body of the discriminator `networks` holds (everything before its logit), with its
    width bound: images -> features of shape (batch, features).

    Args:
        networks: a name in NETWORKS, or a module of your own with
            `discriminator_features(images, width)`.

    Raises:
        ValueError: for a name not in NETWORKS, or a module without that function.
    """
    module = _networks_module(networks, ("discriminator_features",))
    return functools.partial(module.discriminator_features, width=width)
