"""Evaluator: the metrics of whole image sets, from real digits to noise, as plain Python numbers."""
import numpy as np
import pytest

import gan_tdd.evaluation.evaluator
from gan_tdd.data import load_mnist
from gan_tdd.evaluation import Evaluator, MNISTClassifier

REFERENCE = 1000


@pytest.fixture(scope="module")
def mnist_test():
    """MNIST's test digits as float images in [-1, 1], and their labels."""
    images, labels = load_mnist("test")
    return images.astype(np.float32) / 127.5 - 1.0, labels


@pytest.fixture(scope="module")
def evaluator(mnist_test):
    """An evaluator whose reference is the first 1,000 test digits; the tests score others."""
    with MNISTClassifier() as classifier:
        yield Evaluator(classifier, real_images=mnist_test[0][:REFERENCE])


@pytest.fixture(scope="module")
def real_digits(mnist_test):
    """1,000 test digits that are not in the evaluator's reference."""
    return mnist_test[0][REFERENCE:2 * REFERENCE]


@pytest.fixture(scope="module")
def real_metrics(evaluator, real_digits):
    return evaluator.evaluate(real_digits)


def test_evaluator_returns_plain_python_numbers_and_a_ten_class_histogram(real_metrics):
    """Floats, an int and a list of ten floats: ready for logs, JSON and printing."""
    assert type(real_metrics["mnist_score"]) is float
    assert type(real_metrics["frechet_distance"]) is float
    assert type(real_metrics["classes_covered"]) is int
    assert len(real_metrics["class_histogram"]) == 10
    assert all(type(fraction) is float for fraction in real_metrics["class_histogram"])


def test_mnist_score_of_real_test_digits_is_above_9(real_metrics):
    """Real digits are recognised confidently and cover all ten classes."""
    assert real_metrics["mnist_score"] > 9.0
    assert real_metrics["classes_covered"] == 10


def test_mnist_score_of_uniform_noise_is_low(evaluator):
    """Noise images are no digit in particular: the score stays far below that of real digits."""
    noise = np.random.default_rng(0).uniform(-1, 1, (500, 28, 28, 1)).astype(np.float32)

    metrics = evaluator.evaluate(noise)

    assert metrics["mnist_score"] < 3.0


def test_mnist_score_of_a_single_repeated_class_is_about_one(evaluator, mnist_test):
    """300 real sevens: every p(y|x) is close to p(y), so the score is close to 1."""
    images, labels = mnist_test
    sevens = images[labels == 7][:300]

    metrics = evaluator.evaluate(sevens)

    assert metrics["mnist_score"] == pytest.approx(1.0, abs=0.1)
    assert metrics["classes_covered"] == 1
    assert metrics["class_histogram"][7] > 0.95


def test_frechet_distance_of_real_digits_is_small_next_to_noise(evaluator, real_metrics):
    """Held-out real digits sit far closer to the reference than noise does."""
    noise = np.random.default_rng(1).uniform(-1, 1, (500, 28, 28, 1)).astype(np.float32)

    noise_metrics = evaluator.evaluate(noise)

    assert real_metrics["frechet_distance"] * 20 < noise_metrics["frechet_distance"]


def test_frechet_distance_of_the_reference_with_itself_is_zero(evaluator, mnist_test):
    """Scoring the reference images themselves gives a distance of (almost exactly) zero."""
    metrics = evaluator.evaluate(mnist_test[0][:REFERENCE])

    assert metrics["frechet_distance"] == pytest.approx(0.0, abs=1e-3)


def test_evaluator_computes_the_reference_features_once_and_only_when_needed(mnist_test, monkeypatch):
    """Nothing is computed at construction; the first evaluation computes the features and keeps them."""
    with MNISTClassifier() as classifier:
        features, reference_sizes = classifier.features, []
        monkeypatch.setattr(classifier, "features",
                            lambda images: reference_sizes.append(len(images)) or features(images))
        evaluator = Evaluator(classifier, real_images=mnist_test[0][:50])
        after_construction = list(reference_sizes)

        evaluator.evaluate(mnist_test[0][50:60])
        evaluator.evaluate(mnist_test[0][60:70])

    assert after_construction == []
    assert reference_sizes == [50]


def test_evaluator_compares_with_mnist_test_digits_by_default(monkeypatch):
    """Without real_images, the reference is load_mnist("test")'s images."""
    with MNISTClassifier() as classifier:
        evaluator = Evaluator(classifier)
        test_images, test_labels = load_mnist("test")
        splits = []
        monkeypatch.setattr(gan_tdd.evaluation.evaluator, "load_mnist",
                            lambda split: splits.append(split) or (test_images[:40], test_labels[:40]))

        features = evaluator.real_features

        np.testing.assert_array_equal(features, classifier.features(test_images[:40]))
    assert splits == ["test"]


def test_evaluator_scores_real_digits_against_their_own_labels_as_almost_all_correct(evaluator, mnist_test):
    """Real digits asked for by their true labels: the label accuracy is the classifier's, above 98%,
    overall and for every digit."""
    images, labels = mnist_test[0][REFERENCE:2 * REFERENCE], mnist_test[1][REFERENCE:2 * REFERENCE]

    metrics = evaluator.evaluate(images, labels=labels)

    assert metrics["label_accuracy"] > 0.98
    assert len(metrics["label_accuracy_per_digit"]) == 10
    assert min(metrics["label_accuracy_per_digit"]) > 0.9


def test_evaluator_finds_the_digit_of_each_code_when_codes_are_relabelled_digits(evaluator, mnist_test):
    """Real digits whose 'code' is their label plus 3 (mod 10): the best mapping undoes the shift."""
    images, labels = mnist_test[0][REFERENCE:2 * REFERENCE], mnist_test[1][REFERENCE:2 * REFERENCE]

    metrics = evaluator.evaluate(images, codes=(labels + 3) % 10)

    assert metrics["code_class_match"] > 0.98
    assert metrics["code_to_digit"] == [(code - 3) % 10 for code in range(10)]
    assert "label_accuracy" not in metrics
