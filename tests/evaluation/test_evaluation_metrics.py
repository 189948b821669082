"""The evaluation metrics: pure numpy functions, pinned against hand-computed values and oracles."""
import numpy as np
import pytest

from gan_tdd.evaluation.metrics import (class_histogram, clustering_accuracy, code_class_match,
                                        code_to_class_mapping, frechet_distance, label_accuracy,
                                        label_accuracy_per_class, mnist_score, mode_coverage)


def one_hot(classes, count=10):
    return np.eye(count)[np.asarray(classes)]


def gaussian_samples(mean, variances, count, seed):
    """Samples whose mean and (diagonal) covariance are exactly `mean` and `variances`."""
    white = np.random.default_rng(seed).standard_normal((count, len(mean)))
    white -= white.mean(axis=0)
    # Whiten the sample so that its covariance is exactly the identity, then scale it.
    covariance = np.cov(white, rowvar=False)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    white = white @ eigenvectors @ np.diag(eigenvalues ** -0.5) @ eigenvectors.T
    return np.asarray(mean) + white * np.sqrt(variances)


def test_mnist_score_of_confident_predictions_spread_over_ten_classes_is_ten():
    """Certain labels, equally many of each class: the score reaches its maximum, 10."""
    probabilities = one_hot(np.arange(100) % 10)

    score = mnist_score(probabilities)

    assert score == pytest.approx(10.0)


def test_mnist_score_of_a_single_repeated_class_is_one():
    """Every sample confidently the same class: p(y|x) = p(y), so the score is exp(0) = 1."""
    probabilities = one_hot([3] * 50)

    score = mnist_score(probabilities)

    assert score == pytest.approx(1.0)


def test_mnist_score_of_uncertain_predictions_is_one():
    """Uniform p(y|x) for every sample says nothing about the class: the score is 1."""
    probabilities = np.full((20, 10), 0.1)

    score = mnist_score(probabilities)

    assert score == pytest.approx(1.0)


def test_mnist_score_matches_its_formula_computed_by_hand():
    """Two samples over two classes: exp(mean KL(p(y|x) || p(y))) written out in numpy."""
    probabilities = np.array([[0.9, 0.1], [0.3, 0.7]])
    marginal = probabilities.mean(axis=0)
    kl = (probabilities * np.log(probabilities / marginal)).sum(axis=1)

    score = mnist_score(probabilities)

    assert score == pytest.approx(np.exp(kl.mean()), abs=1e-12)


def test_mnist_score_rejects_rows_that_are_not_probabilities():
    """Rows that do not sum to 1 (e.g. logits passed by mistake) raise a ValueError."""
    with pytest.raises(ValueError, match="sum to 1"):
        mnist_score(np.array([[2.0, -1.0], [0.5, 0.5]]))


def test_frechet_distance_of_a_set_with_itself_is_zero():
    """The same features on both sides: no difference in mean or covariance."""
    features = np.random.default_rng(0).standard_normal((500, 16))

    distance = frechet_distance(features, features)

    assert distance == pytest.approx(0.0, abs=1e-8)


def test_frechet_distance_of_diagonal_gaussians_matches_its_closed_form():
    """Diagonal covariances: ||mu_a - mu_b||^2 + sum (sqrt(a) - sqrt(b))^2, computed in numpy."""
    mean_a, variances_a = np.array([0.0, 1.0, -2.0]), np.array([1.0, 4.0, 0.25])
    mean_b, variances_b = np.array([1.0, 1.0, 0.0]), np.array([9.0, 1.0, 0.25])
    features_a = gaussian_samples(mean_a, variances_a, 400, seed=1)
    features_b = gaussian_samples(mean_b, variances_b, 300, seed=2)
    expected = np.sum((mean_a - mean_b) ** 2) + np.sum((np.sqrt(variances_a) - np.sqrt(variances_b)) ** 2)

    distance = frechet_distance(features_a, features_b)

    assert expected == pytest.approx(5.0 + 5.0)
    assert distance == pytest.approx(expected, abs=1e-6)


def test_frechet_distance_matches_scipy_sqrtm_on_full_covariances():
    """Correlated features: the eigen-decomposition route agrees with scipy's matrix square root."""
    linalg = pytest.importorskip("scipy.linalg")
    random = np.random.default_rng(3)
    features_a = random.standard_normal((300, 8)) @ random.standard_normal((8, 8))
    features_b = random.standard_normal((200, 8)) @ random.standard_normal((8, 8)) + 0.5
    mean_a, mean_b = features_a.mean(axis=0), features_b.mean(axis=0)
    cov_a, cov_b = np.cov(features_a, rowvar=False), np.cov(features_b, rowvar=False)
    expected = np.sum((mean_a - mean_b) ** 2) + np.trace(cov_a + cov_b - 2 * linalg.sqrtm(cov_a @ cov_b).real)

    distance = frechet_distance(features_a, features_b)

    assert distance == pytest.approx(expected, rel=1e-8)


def test_frechet_distance_of_rank_deficient_sets_is_still_exact():
    """Fewer samples than features and a dead feature: singular covariances. A set against itself
    gives 0, and against itself shifted by v exactly ||v||^2: no round-off, no clipped negative."""
    features = np.random.default_rng(4).standard_normal((5, 32))
    features[:, 0] = 0.0
    shift = np.full(32, 0.5)

    assert frechet_distance(features, features) == pytest.approx(0.0, abs=1e-6)
    assert frechet_distance(features, features + shift) == pytest.approx(32 * 0.25, rel=1e-6)


def test_frechet_distance_grows_with_the_distance_between_means():
    """Shifting one set further away raises the distance by the squared shift."""
    features = np.random.default_rng(5).standard_normal((200, 4))

    near = frechet_distance(features, features + 1.0)
    far = frechet_distance(features, features + 2.0)

    assert near == pytest.approx(4 * 1.0 ** 2)
    assert far == pytest.approx(4 * 2.0 ** 2)


def test_frechet_distance_rejects_feature_sets_of_different_widths():
    """Features of 3 and 4 dimensions cannot be compared: a ValueError names both widths."""
    with pytest.raises(ValueError, match="3 and 4"):
        frechet_distance(np.zeros((10, 3)), np.zeros((10, 4)))


def test_class_histogram_gives_the_fraction_of_samples_per_predicted_class():
    """The argmax of each row is counted and divided by the number of rows."""
    probabilities = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1]])

    histogram = class_histogram(probabilities)

    np.testing.assert_allclose(histogram, [0.75, 0.25, 0.0])


@pytest.mark.parametrize("histogram, expected", [
    pytest.param([0.1] * 10, 10, id="uniform"),
    pytest.param([1.0] + [0.0] * 9, 1, id="one_class"),
    pytest.param([0.05, 0.049, 0.901] + [0.0] * 7, 2, id="threshold_is_inclusive"),
    pytest.param([0.3, 0.3, 0.3, 0.04, 0.03, 0.03] + [0.0] * 4, 3, id="three_large_three_small"),
])
def test_mode_coverage_counts_classes_with_at_least_five_percent_of_samples(histogram, expected):
    """A class counts as covered when it holds at least `threshold` of the samples."""
    covered = mode_coverage(histogram)

    assert covered == expected


def test_mode_coverage_takes_its_threshold_as_an_argument():
    """With a 25% threshold only the two large classes count."""
    covered = mode_coverage([0.4, 0.3, 0.2, 0.1], threshold=0.25)

    assert covered == 2


def test_label_accuracy_is_the_share_of_samples_the_classifier_calls_by_their_label():
    """Asked for 0, 0, 1, 1, 2 and called 0, 1, 1, 1, 0: three of five match."""
    probabilities = one_hot([0, 1, 1, 1, 0], count=3)

    accuracy = label_accuracy(probabilities, [0, 0, 1, 1, 2])

    assert accuracy == pytest.approx(0.6)


def test_label_accuracy_per_class_divides_by_the_samples_asked_for_each_class():
    """Per label asked: 0 -> 1 of 2, 1 -> 2 of 2, 2 -> 0 of 1; a class never asked for is NaN."""
    probabilities = one_hot([0, 1, 1, 1, 0], count=4)

    per_class = label_accuracy_per_class(probabilities, [0, 0, 1, 1, 2])

    np.testing.assert_allclose(per_class, [0.5, 1.0, 0.0, np.nan])
    assert all(type(accuracy) is float for accuracy in per_class)


def test_label_accuracy_matches_numpy_on_random_probabilities():
    """The oracle: mean(argmax(p) == label), for 1,000 random rows."""
    random = np.random.default_rng(0)
    probabilities = random.dirichlet(np.ones(10), 1000)
    labels = random.integers(0, 10, 1000)

    accuracy = label_accuracy(probabilities, labels)

    assert accuracy == pytest.approx(np.mean(probabilities.argmax(axis=1) == labels), abs=1e-12)


@pytest.mark.parametrize("labels, message", [
    pytest.param([0, 1], "one label per sample", id="too_few_labels"),
    pytest.param([0, 1, 3], "labels must be in", id="label_out_of_range"),
    pytest.param([0.0, 1.0, 2.0], "integer", id="float_labels"),
])
def test_label_accuracy_rejects_labels_that_do_not_fit_the_samples(labels, message):
    """Labels of the wrong count, range or type raise a ValueError that says which."""
    with pytest.raises(ValueError, match=message):
        label_accuracy(one_hot([0, 1, 2], count=3), labels)


def test_code_to_class_mapping_maximizes_the_matches_one_to_one():
    """Codes (rows) against predicted digits (columns), counted by hand. Code by code, greedily,
    0 -> 0, 1 -> 2, 2 -> 1 match 5 + 1 + 1 = 7 samples and the diagonal 5 + 0 + 3 = 8; the best of
    the six mappings, 0 -> 1, 1 -> 0, 2 -> 2, matches 4 + 4 + 3 = 11."""
    confusion = np.array([[5, 4, 0],
                          [4, 0, 1],
                          [0, 1, 3]])

    mapping = code_to_class_mapping(confusion)

    assert mapping == {0: 1, 1: 0, 2: 2}


def test_code_class_match_is_the_share_matched_under_the_best_mapping():
    """The same counts as samples: 8 + 3 = 11 of 18 samples match under 0 -> 1, 1 -> 0, 2 -> 2."""
    codes = np.repeat([0, 0, 1, 1, 2, 2], [5, 4, 4, 1, 1, 3])
    predicted = np.array([0] * 5 + [1] * 4 + [0] * 4 + [2] + [1] + [2] * 3)
    probabilities = one_hot(predicted, count=3)

    match, mapping = code_class_match(probabilities, codes, categories=3)

    assert match == pytest.approx(11 / 18)
    assert mapping == {0: 1, 1: 0, 2: 2}


def test_code_class_match_is_one_when_codes_are_the_digits_relabelled():
    """Code k always drawn as digit (k + 3) mod 10: a perfect match, whatever the names."""
    codes = np.arange(100) % 10

    match, mapping = code_class_match(one_hot((codes + 3) % 10), codes)

    assert match == 1.0
    assert mapping == {code: (code + 3) % 10 for code in range(10)}


def test_clustering_accuracy_is_the_share_right_under_the_best_one_to_one_mapping():
    """Groups 0, 0, 1, 1, 2, 2 of digits 5, 5, 3, 3, 3, 1: the best mapping is 0->5, 1->3, 2->1
    (2 -> 3 is taken by group 1), which gets 5 of the 6 right."""
    accuracy, mapping = clustering_accuracy([0, 0, 1, 1, 2, 2], [5, 5, 3, 3, 3, 1])

    assert accuracy == pytest.approx(5 / 6)
    assert mapping == {0: 5, 1: 3, 2: 1}
