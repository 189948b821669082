"""MNISTClassifier: the shipped weights load quickly and classify MNIST's test digits."""
import time

import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.data import load_mnist
from gan_tdd.evaluation.classifier import FEATURE_DIMENSIONS, WEIGHTS_PATH, MNISTClassifier


@pytest.fixture(scope="module")
def classifier():
    """One classifier for the module: loading it is cheap, but not free."""
    with MNISTClassifier() as classifier:
        yield classifier


@pytest.fixture(scope="module")
def test_digits():
    """MNIST's 10,000 test digits, as float images in [-1, 1], and their labels."""
    images, labels = load_mnist("test")
    return images.astype(np.float32) / 127.5 - 1.0, labels


def test_classifier_weights_ship_inside_the_package_and_are_small():
    """The .npz sits next to the module and stays well under 2 MB."""
    size = WEIGHTS_PATH.stat().st_size

    assert WEIGHTS_PATH.parent.name == "evaluation"
    assert size < 2_000_000


def test_classifier_loads_in_seconds_without_training():
    """Building the graph and loading the weights takes about 0.2 s on an idle machine; the bound
    leaves room for a busy one (or a coverage run) and still fails if loading ever trained."""
    start = time.perf_counter()

    with MNISTClassifier():
        elapsed = time.perf_counter() - start

    assert elapsed < 5.0


def test_classifier_builds_in_its_own_graph_and_leaves_the_default_graph_empty(classifier):
    """The classifier's ops live in `classifier.graph`, never in the global default graph."""
    assert classifier.logits.graph is classifier.graph
    assert tf.compat.v1.get_default_graph().get_operations() == []


@pytest.mark.slow(reason="classifies all 10,000 test digits")
def test_classifier_labels_at_least_99_percent_of_the_test_digits_correctly(classifier, test_digits):
    """On all 10,000 test digits, never seen in training, the argmax is right 99% of the time.

    The whole set, not a sample: its 2,000-digit slices range from 98.7% to 99.6%.
    """
    images, labels = test_digits

    probabilities = classifier.probabilities(images)

    accuracy = np.mean(probabilities.argmax(axis=1) == labels)
    assert accuracy >= 0.99


def test_classifier_probabilities_are_one_distribution_over_ten_digits_per_image(classifier, test_digits):
    """One row per image, ten non-negative entries that sum to 1."""
    images, _ = test_digits

    probabilities = classifier.probabilities(images[:7])

    assert probabilities.shape == (7, 10)
    assert np.all(probabilities >= 0)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)


def test_classifier_features_have_128_dimensions_per_image(classifier, test_digits):
    """The features for the Fréchet distance: the 128 activations before the last layer."""
    images, _ = test_digits

    features = classifier.features(images[:7])

    assert FEATURE_DIMENSIONS == 128
    assert features.shape == (7, FEATURE_DIMENSIONS)
    assert features.dtype == np.float32


def test_classifier_gives_the_same_outputs_whatever_the_batch_size():
    """Images are classified in batches; splitting them differently changes nothing."""
    images = load_mnist("test")[0][:25].astype(np.float32) / 127.5 - 1.0

    with MNISTClassifier(batch_size=4) as small, MNISTClassifier(batch_size=500) as large:
        small_batches, one_batch = small.features(images), large.features(images)

    np.testing.assert_allclose(small_batches, one_batch, rtol=1e-5, atol=1e-5)


def test_classifier_rejects_images_that_are_not_28x28x1(classifier):
    """Images of another size raise a ValueError that names the expected shape."""
    with pytest.raises(ValueError, match=r"\(count, 28, 28, 1\)"):
        classifier.probabilities(np.zeros((3, 32, 32, 1), np.float32))


def test_classifier_reports_a_missing_weights_file_with_the_command_that_makes_it(tmp_path):
    """No weights file: a FileNotFoundError says how to train and write one."""
    with pytest.raises(FileNotFoundError, match="python -m gan_tdd.evaluation.train_classifier"):
        MNISTClassifier(weights_path=tmp_path / "missing.npz")
