"""The image-to-image networks: a generator from images to images, a discriminator of pairs.

    generator_fn(damaged, training) -> images, shape of `damaged`, in [-1, 1]
    discriminator_fn(damaged, images) -> logits, shape (batch, 1)

As in `gan_tdd.networks`, each makes its variables with `get_variable` and opens no reusing
scope: the model shares the discriminator's variables in one visible place.
"""
from gan_tdd.quiet_tensorflow import tf

from gan_tdd.layers import conv2d, conv2d_transpose, leaky_relu
from gan_tdd.networks import dcgan


def encoder_decoder(damaged, training, width=8, dropout_rate=0.5):
    """A two-level U-Net: encode by strided convolutions, decode by transposed ones, with a skip.

    damaged (H)  -> conv s2, leaky ReLU           -> e1 (H/2, width)
                 -> conv s2, leaky ReLU           -> e2 (H/4, 2*width)
                 -> deconv s2, ReLU, dropout      -> d1 (H/2, width)
    [d1, e1]     -> deconv s2 -> tanh             -> (H, channels)

    The skip hands e1's detail (what survived the damage) straight to the last layer, so the
    bottleneck need only carry what must be invented. Dropout is the generator's only noise, as
    in pix2pix (Isola et al. 2017); here it is on while training and off when restoring, so that
    `restore` is deterministic. No batch norm: with none, a restored image never depends on the
    others of its batch, and a tiny model learns as fast.

    Args:
        damaged: a tensor (batch, height, width, channels); height and width divisible by 4.
        training: True to drop units, False to keep them all.
        width: the channels of e1 and d1; e2 has twice as many.
        dropout_rate: the fraction of d1's units dropped while training.

    Returns:
        A tensor of the shape of `damaged`, in [-1, 1].
    """
    channels = damaged.shape[-1]
    e1 = leaky_relu(conv2d(damaged, width, 4, 2, "encode_1"))
    e2 = leaky_relu(conv2d(e1, 2 * width, 4, 2, "encode_2"))
    d1 = tf.nn.relu(conv2d_transpose(e2, width, 4, 2, "decode_1"))
    if training and dropout_rate:
        d1 = tf.nn.dropout(d1, rate=dropout_rate)
    return tf.tanh(conv2d_transpose(tf.concat([d1, e1], axis=-1), channels, 4, 2, "decode_2"))


def pair_discriminator(damaged, images, width=8):
    """Judges a (damaged, image) pair: is `images` the original of `damaged`, or a restoration?

    The pair is stacked on the channel axis and judged by the DCGAN discriminator: it sees the
    damage beside the image, so an image that is real but does not fit its damage is still fake.

    Args:
        damaged: a tensor (batch, height, width, channels).
        images: a tensor of the same shape: the originals, or the generator's restorations.
        width: the filters of the first convolution (`gan_tdd.networks.dcgan.discriminator`).

    Returns:
        A tensor of shape (batch, 1): logits.
    """
    return dcgan.discriminator(tf.concat([damaged, images], axis=-1), width=width)
