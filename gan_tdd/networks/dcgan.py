"""The DCGAN pair: transposed convolutions up, strided convolutions down.

Radford et al. 2016, "Unsupervised Representation Learning with Deep Convolutional GANs",
https://arxiv.org/abs/1511.06434
"""
from gan_tdd.quiet_tensorflow import tf

from gan_tdd.layers import batch_norm, conv2d, conv2d_transpose, dense, leaky_relu


def generator(noise, image_shape, training, width=64):
    """Maps noise vectors to images in [-1, 1].

    dense -> reshape to a (height/4, width/4, 2*width) map -> batch norm, ReLU
          -> transposed conv to (height/2, width/2, width) -> batch norm, ReLU
          -> transposed conv to (height, width, channels) -> tanh

    Args:
        noise: a tensor of shape (batch, noise_dim).
        image_shape: (height, width, channels) of the images to make; height and width divisible by 4.
        training: True to normalize with batch statistics (and update the moving ones), False
            to sample with the moving statistics.
        width: the number of channels of the last hidden feature map; the first has twice as many.

    Returns:
        A tensor of shape (batch, *image_shape) with values in [-1, 1].
    """
    height, image_width, channels = image_shape
    x = dense(noise, (height // 4) * (image_width // 4) * 2 * width, "project")
    x = tf.reshape(x, [-1, height // 4, image_width // 4, 2 * width])
    x = tf.nn.relu(batch_norm(x, training, "project_bn"))
    x = conv2d_transpose(x, width, 5, 2, "upsample_1")
    x = tf.nn.relu(batch_norm(x, training, "upsample_1_bn"))
    x = conv2d_transpose(x, channels, 5, 2, "upsample_2")
    return tf.tanh(x)


def discriminator(images, width=64):
    """Maps images to one logit each: how real the discriminator believes each image is.

    conv (stride 2, `width` filters) -> leaky ReLU -> conv (stride 2, 2*width) -> leaky ReLU
    -> flatten -> dense(1)

    Args:
        images: a tensor of shape (batch, height, width, channels) with values in [-1, 1].
        width: the number of filters of the first convolution; the second has twice as many.

    Returns:
        A tensor of shape (batch, 1): logits, so sigmoid(logit) is the probability of "real".
    """
    return dense(discriminator_features(images, width), 1, "logit")


def discriminator_features(images, width=64):
    """The discriminator's body: the features its logit is read from, and where a second head
    (ACGAN's classes, InfoGAN's codes) can read too.

    conv (stride 2, `width` filters) -> leaky ReLU -> conv (stride 2, 2*width) -> leaky ReLU -> flatten

    Returns:
        A tensor of shape (batch, features).
    """
    x = leaky_relu(conv2d(images, width, 5, 2, "downsample_1"))
    x = leaky_relu(conv2d(x, 2 * width, 5, 2, "downsample_2"))
    return tf.reshape(x, [-1, x.shape[1] * x.shape[2] * x.shape[3]])
