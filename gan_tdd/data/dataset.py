"""GANDataset: the real images a GAN learns from, served in shuffled batches, with the noise
that goes with each batch."""
import warnings

import numpy as np

from gan_tdd.checks import require_int


def as_gan_images(images, name="images"):
    """Check an image array and return it as float32 in [-1, 1].

    uint8 images in [0, 255] are scaled to [-1, 1]; float images must already be in [-1, 1].

    Args:
        images: an array of shape (count, height, width, channels).
        name: the argument's name, for the error message.

    Raises:
        ValueError: the array has the wrong rank, is empty, is not numeric, or is out of range.
    """
    return in_gan_range(checked_images(images, name))


def in_gan_range(images):
    """Images as the model sees them: uint8 pixels scaled to [-1, 1] (`bytes_to_gan_range`), an
    array of floats (images already in range, or points) as it is."""
    return bytes_to_gan_range(images) if images.dtype == np.uint8 else images


def bytes_to_gan_range(images):
    """uint8 pixels 0..255 as float32 in [-1, 1]."""
    scaled = images.astype(np.float32)
    scaled /= 127.5
    scaled -= 1.0
    return scaled


def checked_images(images, name="images"):
    """Check an image array as `as_gan_images` does, but return uint8 images unscaled: as bytes,
    MNIST's 60,000 training digits take 47 MB instead of 188 MB."""
    array = np.asarray(images)
    if array.dtype.kind not in "uif":
        raise ValueError(f"{name} must be a numeric array, got dtype {array.dtype}")
    points = array.ndim == 2 and array.dtype.kind == "f" and len(array) > 0
    if array.ndim != 4 and not points:
        hint = "; add the channel axis of grey images with images[..., None]" if array.ndim == 3 else ""
        raise ValueError(f"{name} must have shape (count, height, width, channels), or (count, "
                         f"dimensions) of float points, got shape {array.shape}{hint}")
    if array.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one image, got shape {array.shape}")
    if array.dtype == np.uint8:
        return array
    array = array.astype(np.float32, copy=False)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite, but holds NaN or infinite values")
    if points:  # (count, dimensions): points lie where they lie, no range to keep to
        return array
    low, high = float(array.min()), float(array.max())
    if low < -1.0 or high > 1.0:
        hint = ""
        if low >= 0 and high > 1.0:
            hint = " (they look like [0, 255]: pass them as uint8, or compute images / 127.5 - 1)"
        raise ValueError(f"{name} must be in [-1, 1], got values in [{low:g}, {high:g}]{hint}")
    if low == 0.0 and high > 0.5:
        # [0, 1] data is valid, but the tanh generator can then never match its black background.
        warnings.warn(f"{name} are all in [0, 1]; if that is their scale, pass images * 2 - 1 so "
                      "that black is -1", stacklevel=3)
    return array


def _checked_labels(labels, count):
    """Check one class index per image and return them as int32."""
    array = np.asarray(labels)
    if array.dtype.kind not in "iu" or array.shape != (count,):
        raise ValueError(f"labels must be {count} integer class indices, shape ({count},), got "
                         f"dtype {array.dtype} and shape {array.shape}")
    if array.min() < 0:
        raise ValueError(f"labels must be >= 0, got {array.min()}")
    return array.astype(np.int32)


def fixed_noise(count, noise_dim, seed):
    """`count` standard normal noise vectors that depend only on `seed`: the same samples can
    be drawn again and again, to watch them improve or to compare runs."""
    return np.random.default_rng(seed).standard_normal((count, noise_dim), dtype=np.float32)


class GANDataset:
    """Real images in shuffled batches, and the noise to go with them.

    One epoch is a pass over the images in a new random order, `batches_per_epoch` batches of
    `batch_size` (the last incomplete batch is dropped, so every batch has the same shape):

        dataset = GANDataset(images, noise_dim=100, batch_size=64, seed=0)
        dataset.reset()                      # shuffle, start an epoch
        while dataset.remaining_batches >= k:
            real = dataset.next_batch()
            noise = dataset.next_noise()

    Given `labels`, each batch's labels are kept beside it, for the models that learn from them
    (`gan_tdd.models`): `images, labels = dataset.next_labeled_batch()`, or `dataset.last_labels`
    after `next_batch()`.

    `remaining_batches` is a number rather than a yes/no question such as `has_more_than(count)`,
    so "enough for k discriminator steps" reads as a comparison with no off-by-one to remember.
    """

    def __init__(self, images, noise_dim, batch_size, seed=None, labels=None):
        """Check and store the images.

        Args:
            images: (count, height, width, channels): float in [-1, 1], or uint8 in [0, 255];
                or points, (count, dimensions) floats (`gan_tdd.data.points`).
            noise_dim: the length of one noise vector (the model's `noise_dim`).
            batch_size: images per batch, at most the number of images.
            seed: seeds the shuffling and the noise; None for a random seed.
            labels: None, or one class index per image (integers >= 0, shape (count,)).
        """
        # uint8 images stay bytes until a batch is served: a quarter of the memory.
        self.images = checked_images(images)
        self.noise_dim = require_int("noise_dim", noise_dim, 1)
        self.batch_size = require_int("batch_size", batch_size, 1)
        if self.batch_size > len(self.images):
            raise ValueError(f"batch_size must be at most the number of images ({len(self.images)}), "
                             f"got {batch_size}")
        self.labels = None if labels is None else _checked_labels(labels, len(self.images))
        self.batches_per_epoch = len(self.images) // self.batch_size
        self.seed = seed
        self._random = np.random.default_rng(seed)
        self._order = np.arange(len(self.images))
        self._position = self.batches_per_epoch
        self.last_batch = None
        self.last_noise = None
        self.last_labels = None

    def reseed(self, seed):
        """Draw shuffles and noise from a new random stream, seeded by `seed` (an int or a list
        of ints)."""
        self._random = np.random.default_rng(seed)

    @property
    def image_shape(self):
        """(height, width, channels) of one image, or (dimensions,) of one point."""
        return self.images.shape[1:]

    @property
    def remaining_batches(self):
        """How many batches this epoch still has; 0 before the first `reset()`."""
        return self.batches_per_epoch - self._position

    def reset(self, epoch=None):
        """Start a new epoch: shuffle the images into a new order.

        With `epoch` (fit gives it), the epoch's order and noise come from a stream seeded by
        the dataset's seed and the epoch alone: a run stopped anywhere and resumed, by a new
        process even, sees the very batches and noise of one that never stopped (`skip_steps`).
        Without it, they come from the one stream the dataset was made with, on and on.
        """
        if epoch is not None:
            self._random = np.random.default_rng(None if self.seed is None else [self.seed, epoch])
        self._order = self._random.permutation(len(self.images))
        self._position = 0

    def skip_steps(self, steps, k_steps):
        """Pass over the batches and noise of an epoch's first `steps` steps of fit's (k batches
        and k + 1 noise batches a step), as if they had been served: where a resumed run goes on."""
        for _ in range(steps):
            for _ in range(k_steps):
                self._position += 1
                self.next_noise()
            self.next_noise()

    def next_batch(self):
        """The next batch of real images, shape (batch_size, height, width, channels).

        Raises:
            IndexError: the epoch has no batch left; call `reset()`.
        """
        if self._position >= self.batches_per_epoch:
            raise IndexError("this epoch has no batches left: call reset() to start the next one")
        start = self._position * self.batch_size
        indices = self._order[start:start + self.batch_size]
        batch = self.images[indices]
        self.last_batch = in_gan_range(batch)
        if self.labels is not None:
            self.last_labels = self.labels[indices]
        self._position += 1
        return self.last_batch

    def next_labeled_batch(self):
        """The next batch of real images and their labels: (images, labels of shape (batch_size,)).

        Raises:
            ValueError: the dataset was made without labels.
            IndexError: the epoch has no batch left; call `reset()`.
        """
        if self.labels is None:
            raise ValueError("this dataset has no labels: make it with GANDataset(..., labels=labels)")
        return self.next_batch(), self.last_labels

    def next_noise(self):
        """A fresh batch of standard normal noise, shape (batch_size, noise_dim)."""
        self.last_noise = self._random.standard_normal((self.batch_size, self.noise_dim),
                                                       dtype=np.float32)
        return self.last_noise
