"""LabelledGANModel: a GAN whose generator reads a class label with its noise."""
import numpy as np

from gan_tdd.checks import require_int
from gan_tdd.model import GANModel
from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1


class LabelledGANModel(GANModel):
    """The part that the conditional GAN and ACGAN share: one class label per image.

    A `labels` placeholder holds one class index per example; the generator reads
    [noise, one_hot(label)], so the label chooses what it draws. fit feeds each real batch's
    labels, and the generated batch is drawn for those same labels: fake classes come as often
    as real ones. `generate(session, noise, labels)` draws the classes you ask for.

    Named tensors, besides GANModel's: `labels`, `one_hot_labels`.
    """

    def __init__(self, noise_dim=100, image_shape=(28, 28, 1), *, num_classes=10, **options):
        """Args:
            num_classes: how many classes the labels name (10 digits).
            The others: as for GANModel; a generator_fn of yours is given the noise and the
                one-hot label concatenated, shape (batch, noise_dim + num_classes).
        """
        self.num_classes = require_int("num_classes", num_classes, 2)
        super().__init__(noise_dim, image_shape, **options)

    def _build_inputs(self):
        super()._build_inputs()
        self.labels = v1.placeholder(tf.int32, [None], name="labels")
        self.one_hot_labels = tf.one_hot(self.labels, self.num_classes, name="one_hot_labels")
        self.batch_inputs = (self.labels,)

    def generator_inputs(self):
        """The noise and the one-hot label, side by side."""
        return tf.concat([self.noise, self.one_hot_labels], axis=1)

    def batch_values(self, dataset):
        """The labels of the dataset's last batch, for `labels`."""
        return (dataset.last_labels,)

    def check_dataset(self, dataset):
        """Raise ValueError unless `dataset` has labels, each below num_classes."""
        if dataset.labels is None:
            raise ValueError(f"{type(self).__name__} learns from labels: make the dataset with "
                             "GANDataset(images, ..., labels=labels)")
        if dataset.labels.max() >= self.num_classes:
            raise ValueError(f"dataset labels must be below num_classes ({self.num_classes}), "
                             f"got {dataset.labels.max()}")

    def generate(self, session, noise, labels=None):
        """Generate one image per noise vector, of the class its label asks for.

        Args:
            session: a session on `model.graph` whose variables are initialized or restored.
            noise: an array of shape (count, noise_dim).
            labels: the class of each image, integers of shape (count,); None for every class
                in turn: 0, 1, ..., num_classes - 1, 0, 1, ...

        Returns:
            A float32 array of shape (count, *image_shape) with values in [-1, 1].

        Raises:
            ValueError: labels of the wrong shape, or outside [0, num_classes).
        """
        labels = np.arange(len(noise)) % self.num_classes if labels is None else np.asarray(labels)
        if labels.dtype.kind not in "iu" or labels.shape != (len(noise),):
            raise ValueError(f"labels must be {len(noise)} integer class indices, one per noise "
                             f"vector, got dtype {labels.dtype} and shape {labels.shape}")
        if labels.size and not 0 <= labels.min() <= labels.max() < self.num_classes:
            raise ValueError(f"labels must be in [0, {self.num_classes}), got values in "
                             f"[{labels.min()}, {labels.max()}]")
        return session.run(self.sampled_images, {self.noise: noise, self.labels: labels})
