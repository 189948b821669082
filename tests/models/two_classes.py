"""What the tests of the models that draw what they are asked for share: two classes of 8x8 images,
and a numpy oracle of the cross-entropy."""
import numpy as np
import one_layer_networks

NOISE_DIM = 4
IMAGE_SHAPE = (8, 8, 1)
# The tiny models: one dense layer for each network and each head (tests/one_layer_networks.py).
TINY = dict(noise_dim=NOISE_DIM, image_shape=IMAGE_SHAPE, networks=one_layer_networks, seed=0)
# With the DCGAN pair at 4 channels instead, for what its convolutions read.
TINY_DCGAN = dict(noise_dim=NOISE_DIM, image_shape=IMAGE_SHAPE, generator_width=4, discriminator_width=4, seed=0)
# The tiny InfoGAN's codes and their weights.
INFOGAN_OPTIONS = dict(categorical_dim=3, continuous_dim=2, categorical_weight=0.5, continuous_weight=0.2)
# The tiny ACGAN's classes and the weight of its class loss.
ACGAN_OPTIONS = dict(num_classes=2, class_loss_weight=0.5)

# Class 0 is bright on the left half, class 1 on the right half.
LEFT_BRIGHT = np.where(np.arange(8) < 4, 0.8, -0.8).astype(np.float32)[None, :, None]
PATTERNS = np.stack([np.broadcast_to(LEFT_BRIGHT, IMAGE_SHAPE),
                     np.broadcast_to(LEFT_BRIGHT[:, ::-1], IMAGE_SHAPE)])


def two_class_images(count, seed=0):
    """`count` images, half of each class in turn, with a little noise: (images, labels)."""
    labels = np.arange(count) % 2
    noise = np.random.default_rng(seed).normal(0, 0.05, (count, *IMAGE_SHAPE))
    return np.clip(PATTERNS[labels] + noise, -1, 1).astype(np.float32), labels.astype(np.int32)


def drawn_classes(images):
    """0 where an image's left half is brighter than its right half, else 1."""
    return (images[:, :, :4].mean(axis=(1, 2, 3)) < images[:, :, 4:].mean(axis=(1, 2, 3))).astype(int)


def values_of(session, variables):
    return [value.copy() for value in session.run(variables)]


def moved(session, variables, before):
    """For each variable, whether its value differs from `before`."""
    return [not np.array_equal(old, new) for old, new in zip(before, session.run(variables))]


def numpy_cross_entropy(logits, labels):
    """-mean log softmax(logits)[label], computed stably."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_softmax[np.arange(len(labels)), labels].mean()
