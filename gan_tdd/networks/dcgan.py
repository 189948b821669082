"""The DCGAN pair: transposed convolutions up, strided convolutions down.

Radford et al. 2016, "Unsupervised Representation Learning with Deep Convolutional GANs",
https://arxiv.org/abs/1511.06434
"""
from gan_tdd.quiet_tensorflow import tf

from gan_tdd.layers import batch_norm, conv2d, conv2d_transpose, dense, leaky_relu


def stages(image_shape):
    """How many times the pair halves (and doubles) the picture's sides: halving while both
    sides stay even and above 4, at least twice. 28 -> 2 (7x7 at the bottom), 32 -> 3 (4x4),
    64 -> 4 (4x4); 8 and 16 -> 2, as sides divisible by 4 always allow."""
    height, width = image_shape[:2]
    count = 0
    while height % 2 == 0 and width % 2 == 0 and min(height, width) > 4:
        height, width, count = height // 2, width // 2, count + 1
    return max(count, 2)


def generator(noise, image_shape, training, width=64):
    """Maps noise vectors to images in [-1, 1].

    dense -> reshape to a (height/2^n, width/2^n, 2^(n-1)*width) map -> batch norm, ReLU
          -> n - 1 times: transposed conv doubling the sides, halving the channels -> batch norm, ReLU
          -> transposed conv to (height, width, channels) -> tanh

    with n = `stages(image_shape)`: 2 for 28x28 (7x7 at the bottom), 3 for 32x32, 4 for 64x64.

    Args:
        noise: a tensor of shape (batch, noise_dim).
        image_shape: (height, width, channels) of the images to make; height and width divisible by 4.
        training: True to normalize with batch statistics (and update the moving ones), False
            to sample with the moving statistics.
        width: the number of channels of the last hidden feature map; each one before has twice
            as many as the next.

    Returns:
        A tensor of shape (batch, *image_shape) with values in [-1, 1].
    """
    height, image_width, channels = image_shape
    count = stages(image_shape)
    scale = 2 ** count
    x = dense(noise, (height // scale) * (image_width // scale) * 2 ** (count - 1) * width, "project")
    x = tf.reshape(x, [-1, height // scale, image_width // scale, 2 ** (count - 1) * width])
    x = tf.nn.relu(batch_norm(x, training, "project_bn"))
    for number in range(1, count):
        x = conv2d_transpose(x, 2 ** (count - 1 - number) * width, 5, 2, f"upsample_{number}")
        x = tf.nn.relu(batch_norm(x, training, f"upsample_{number}_bn"))
    x = conv2d_transpose(x, channels, 5, 2, f"upsample_{count}")
    return tf.tanh(x)


def discriminator(images, width=64):
    """Maps images to one logit each: how real the discriminator believes each image is.

    n times: conv (stride 2; `width` filters, then twice as many each time) -> leaky ReLU
    -> flatten -> dense(1), with n = `stages` of the images' shape (2 for 28x28)

    Args:
        images: a tensor of shape (batch, height, width, channels) with values in [-1, 1].
        width: the number of filters of the first convolution; each next one has twice as many.

    Returns:
        A tensor of shape (batch, 1): logits, so sigmoid(logit) is the probability of "real".
    """
    return dense(discriminator_features(images, width), 1, "logit")


def discriminator_features(images, width=64):
    """The discriminator's body: the features its logit is read from, and where a second head
    (ACGAN's classes, InfoGAN's codes) can read too.

    n times: conv (stride 2; `width` filters, then twice as many each time) -> leaky ReLU -> flatten

    Returns:
        A tensor of shape (batch, features).
    """
    x = images
    for number in range(1, stages(images.shape[1:3]) + 1):
        x = leaky_relu(conv2d(x, 2 ** (number - 1) * width, 5, 2, f"downsample_{number}"))
    return tf.reshape(x, [-1, x.shape[1] * x.shape[2] * x.shape[3]])
