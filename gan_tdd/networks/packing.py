"""Packing (PacGAN, Lin et al. 2018, https://arxiv.org/abs/1712.04086): the discriminator judges
`pack` samples at once, all real or all generated, joined into one input.

One point on a mode passes for real whether or not the generator ever draws the other modes;
`pack` points drawn together show how the generator spreads them, and a generator that has
collapsed onto a few modes draws packs that real data seldom gives. A wrapper around any
discriminator, so that it composes with every network pair and loss:

    make, judge = get_networks("points")
    model = GANModel(image_shape=(2,), networks="points", discriminator_fn=packed(judge, 2))

The batch size must be a multiple of `pack`; D gives one logit per pack, and the losses, which
average over D's outputs, need no change.
"""
import numpy as np

from gan_tdd.checks import require_int
from gan_tdd.quiet_tensorflow import tf


def packed(discriminator_fn, pack):
    """A discriminator that judges `pack` consecutive samples of a batch as one input.

    The samples are joined along their last axis: points (batch, d) become (batch / pack,
    pack * d); images (batch, h, w, c) become (batch / pack, h, w, pack * c), so the wrapped
    discriminator sees more channels of the same picture size.

    Args:
        discriminator_fn: samples -> logits of shape (batch, 1).
        pack: how many samples make one input, an integer >= 1 (1 is the discriminator itself).

    Returns:
        A discriminator_fn: samples of shape (batch, ...) -> logits of shape (batch / pack, 1).
    """
    pack = require_int("pack", pack, 1)
    if not callable(discriminator_fn):
        raise ValueError(f"discriminator_fn must be a function, got {discriminator_fn!r}")

    def discriminator(samples):
        shape = samples.shape[1:].as_list()
        grouped = tf.reshape(samples, [-1, pack, *shape])
        # The pack's axis goes next to the last one, with which it merges.
        rank = len(shape)
        grouped = tf.transpose(grouped, [0, *range(2, rank + 1), 1, rank + 1])
        return discriminator_fn(tf.reshape(grouped, [-1, *shape[:-1], pack * shape[-1]]))

    discriminator.__name__ = f"packed_{getattr(discriminator_fn, '__name__', 'discriminator')}_{pack}"
    discriminator.pack = pack  # what a picture of D's surface needs to know
    return discriminator
