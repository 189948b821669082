"""MNISTClassifier: a small MNIST CNN that judges generated digits, with weights shipped in the package.

The network, from images in [-1, 1] to ten logits:

    conv 3x3, 32, stride 1 -> ReLU -> conv 3x3, 64, stride 2 -> ReLU   (14x14)
    -> conv 3x3, 64, stride 2 -> ReLU                                  (7x7)
    -> dense 128 -> ReLU  ("features", for the Fréchet distance)
    -> dense 10           (logits; softmax gives p(y|x), for the MNIST score)

`python -m gan_tdd.evaluation.train_classifier` trains it and writes `classifier_weights.npz`; this
module only loads that file, so making a classifier takes a fraction of a second.
"""
from pathlib import Path

import numpy as np
from gan_tdd.quiet_tensorflow import tf

from gan_tdd.checks import require_int
from gan_tdd.data import as_gan_images
from gan_tdd.layers import conv2d, dense

v1 = tf.compat.v1

WEIGHTS_PATH = Path(__file__).with_name("classifier_weights.npz")
IMAGE_SHAPE = (28, 28, 1)
FEATURE_DIMENSIONS = 128
CLASSES = 10


def classifier_network(images):
    """The classifier as a function from tensors to tensors; variables in the current scope.

    Args:
        images: a float tensor of shape (batch, 28, 28, 1) with values in [-1, 1].

    Returns:
        (features, logits): tensors of shape (batch, 128) and (batch, 10).
    """
    x = tf.nn.relu(conv2d(images, 32, 3, 1, "conv_1"))
    x = tf.nn.relu(conv2d(x, 64, 3, 2, "conv_2"))
    x = tf.nn.relu(conv2d(x, 64, 3, 2, "conv_3"))
    x = tf.reshape(x, [-1, x.shape[1] * x.shape[2] * x.shape[3]])
    features = tf.nn.relu(dense(x, FEATURE_DIMENSIONS, "features"))
    return features, dense(features, CLASSES, "logits")


class MNISTClassifier:
    """A trained MNIST classifier in its own graph and session, for scoring generated images.

        with MNISTClassifier() as classifier:
            probabilities = classifier.probabilities(images)   # (count, 10)
            features = classifier.features(images)             # (count, 128)

    Images are float arrays of shape (count, 28, 28, 1) in [-1, 1] (uint8 in [0, 255] works
    too); they go through the network `batch_size` at a time, so any count fits in memory.
    """

    def __init__(self, weights_path=None, batch_size=500):
        """Build the network and load its weights.

        Args:
            weights_path: the .npz that `python -m gan_tdd.evaluation.train_classifier` writes; None for
                the one shipped in the package.
            batch_size: how many images go through the network in one session run.

        Raises:
            FileNotFoundError: the weights file does not exist.
            ValueError: the file does not hold this network's weights.
        """
        self.weights_path = Path(weights_path) if weights_path is not None else WEIGHTS_PATH
        self.batch_size = require_int("batch_size", batch_size, 1)
        weights = self._read_weights(self.weights_path)
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.input_images = v1.placeholder(tf.float32, [None, *IMAGE_SHAPE], name="images")
            with v1.variable_scope("classifier"):
                self.feature_tensor, self.logits = classifier_network(self.input_images)
            self.probability_tensor = tf.nn.softmax(self.logits, name="probabilities")
            load_op, feed = self._load_op(weights)
        self.session = v1.Session(graph=self.graph)
        self.session.run(load_op, feed)
        self.graph.finalize()

    @staticmethod
    def _read_weights(path):
        if not path.is_file():
            raise FileNotFoundError(f"classifier weights {path} not found: train the classifier and "
                                    "write them with `python -m gan_tdd.evaluation.train_classifier`")
        try:
            with np.load(path) as archive:
                return {name: archive[name] for name in archive.files}
        except (OSError, ValueError, EOFError) as error:
            raise ValueError(f"{path} is not a readable .npz of classifier weights ({error})") from error

    def _load_op(self, weights):
        """One op that assigns every variable its stored value, and the feed that goes with it."""
        assigns, feed = [], {}
        for variable in v1.global_variables():
            name = variable.op.name.removeprefix("classifier/")
            shape = tuple(variable.shape.as_list())
            if name not in weights or weights[name].shape != shape:
                found = weights[name].shape if name in weights else "nothing"
                raise ValueError(f"{self.weights_path} does not fit the classifier: {name} should have "
                                 f"shape {shape}, found {found}; retrain with "
                                 "`python -m gan_tdd.evaluation.train_classifier`")
            value = v1.placeholder(tf.float32, shape, name=f"{name}_value")
            assigns.append(v1.assign(variable, value))
            feed[value] = weights[name].astype(np.float32)
        return tf.group(*assigns, name="load_weights"), feed

    def probabilities(self, images):
        """p(y|x): an array of shape (count, 10), each row a distribution over the digits."""
        return self._run(self.probability_tensor, images)

    def features(self, images):
        """The 128 activations before the last layer: an array of shape (count, 128)."""
        return self._run(self.feature_tensor, images)

    def probabilities_and_features(self, images):
        """Both outputs from a single pass: (probabilities, features)."""
        return self._run([self.probability_tensor, self.feature_tensor], images)

    def _run(self, tensors, images):
        images = as_gan_images(images)
        if images.shape[1:] != IMAGE_SHAPE:
            raise ValueError(f"images must have shape (count, 28, 28, 1), got shape {images.shape}")
        batches = [self.session.run(tensors, {self.input_images: images[start:start + self.batch_size]})
                   for start in range(0, len(images), self.batch_size)]
        if isinstance(tensors, list):
            return tuple(np.concatenate(outputs) for outputs in zip(*batches))
        return np.concatenate(batches)

    def close(self):
        """Release the session; the classifier cannot be used afterwards."""
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
