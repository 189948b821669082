"""Sample-quality metrics for MNIST-like GANs: small numpy functions of a classifier's outputs.

Each takes the classifier's class probabilities or features of a set of images (see
`gan_tdd.evaluation.classifier`) and returns a plain Python number or list.
"""
import numpy as np


def mnist_score(probabilities):
    """The Inception Score with an MNIST classifier in Inception's place (TF-GAN's "MNIST score").

    score = exp(E_x KL(p(y|x) || p(y))), with p(y) = E_x p(y|x), the mean of the rows.

    High when each image is confidently one class (p(y|x) sharp) and the set covers the classes
    evenly (p(y) flat). It lies in [1, number of classes]: 10 for ten equally frequent, certain
    classes; 1 when every image gets the same prediction, or a uniform one.
    Salimans et al. 2016, "Improved Techniques for Training GANs", https://arxiv.org/abs/1606.03498

    Args:
        probabilities: an array of shape (count, classes); each row is p(y|x) and sums to 1.

    Returns:
        The score, a float.

    Raises:
        ValueError: the array is not 2-D, is empty, or its rows are not probabilities.
    """
    p_y_given_x = _check_probabilities(probabilities)
    p_y = p_y_given_x.mean(axis=0)
    # A term with p(y|x) = 0 contributes 0 (the limit of p log p); clipping keeps log finite.
    tiny = np.finfo(np.float64).tiny
    kl = np.sum(p_y_given_x * (np.log(np.maximum(p_y_given_x, tiny)) - np.log(np.maximum(p_y, tiny))),
                axis=1)
    return float(np.exp(kl.mean()))


def frechet_distance(features_a, features_b):
    """The Fréchet distance between Gaussians fitted to two sets of features (FID's formula).

    d^2 = ||mu_a - mu_b||^2 + Tr(S_a + S_b - 2 (S_a S_b)^(1/2)),

    with mu and S the mean and covariance of each set. 0 for identical sets; lower is closer.
    Heusel et al. 2017, "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash
    Equilibrium", https://arxiv.org/abs/1706.08500

    The trace of (S_a S_b)^(1/2) is computed without a general matrix square root:
    S_a S_b has the eigenvalues of the symmetric matrix S_a^(1/2) S_b S_a^(1/2), so the trace
    is the sum of the square roots of that matrix's eigenvalues. Two symmetric eigen-
    decompositions stay real and stable where covariances are singular (fewer samples than
    features, or a feature that never fires); round-off below zero is clipped away.

    Args:
        features_a: an array of shape (count_a, dimensions), count_a >= 2.
        features_b: an array of shape (count_b, dimensions), count_b >= 2.

    Returns:
        The distance, a float >= 0.

    Raises:
        ValueError: either set is not 2-D, has fewer than two rows, or their widths differ.
    """
    features_a = _check_features("features_a", features_a)
    features_b = _check_features("features_b", features_b)
    if features_a.shape[1] != features_b.shape[1]:
        raise ValueError("features_a and features_b must have the same number of dimensions, got "
                         f"{features_a.shape[1]} and {features_b.shape[1]}")
    mean_a, mean_b = features_a.mean(axis=0), features_b.mean(axis=0)
    cov_a = np.cov(features_a, rowvar=False).reshape(len(mean_a), len(mean_a))
    cov_b = np.cov(features_b, rowvar=False).reshape(len(mean_b), len(mean_b))
    sqrt_cov_a = _symmetric_sqrt(cov_a)
    product = sqrt_cov_a @ cov_b @ sqrt_cov_a
    trace_sqrt_product = np.sqrt(np.clip(np.linalg.eigvalsh((product + product.T) / 2), 0, None)).sum()
    distance = np.sum((mean_a - mean_b) ** 2) + np.trace(cov_a) + np.trace(cov_b) - 2 * trace_sqrt_product
    return float(max(distance, 0.0))


def class_histogram(probabilities):
    """The fraction of images predicted as each class (by the argmax of each row).

    histogram[k] = #{x : argmax_y p(y|x) = k} / #x

    Args:
        probabilities: an array of shape (count, classes).

    Returns:
        A list of `classes` floats that sums to 1.
    """
    probabilities = _check_probabilities(probabilities)
    counts = np.bincount(probabilities.argmax(axis=1), minlength=probabilities.shape[1])
    return (counts / len(probabilities)).tolist()


def mode_coverage(histogram, threshold=0.05):
    """How many classes hold at least `threshold` of the samples: 10 for a healthy MNIST GAN,
    fewer when the generator has collapsed onto some digits (mode collapse).

    coverage = #{k : histogram[k] >= threshold}

    Args:
        histogram: the fraction of samples per class, e.g. from `class_histogram`.
        threshold: the smallest fraction that counts a class as covered.

    Returns:
        An int.
    """
    return int(np.sum(np.asarray(histogram, dtype=np.float64) >= threshold))


def label_accuracy(probabilities, labels):
    """The share of samples that the classifier calls the class they were asked for.

    accuracy = #{x : argmax_y p(y|x) = label(x)} / #x

    For a conditional GAN or an ACGAN: generate images for known labels, classify them, and
    compare. 1 when every image shows its label; about 1 / classes when labels are ignored.

    Args:
        probabilities: an array of shape (count, classes).
        labels: the class each sample was asked for: integers of shape (count,) in [0, classes).

    Returns:
        A float in [0, 1].

    Raises:
        ValueError: the labels are not integers, one per sample, in [0, classes).
    """
    probabilities = _check_probabilities(probabilities)
    labels = _check_labels("labels", labels, *probabilities.shape)
    return float(np.mean(probabilities.argmax(axis=1) == labels))


def label_accuracy_per_class(probabilities, labels):
    """`label_accuracy` among the samples asked for each class in turn.

    accuracy[k] = #{x : label(x) = k and argmax_y p(y|x) = k} / #{x : label(x) = k}

    Args and Raises: as for `label_accuracy`.

    Returns:
        A list of `classes` floats; NaN for a class no sample was asked for.
    """
    probabilities = _check_probabilities(probabilities)
    count, classes = probabilities.shape
    labels = _check_labels("labels", labels, count, classes)
    asked = np.bincount(labels, minlength=classes)
    hits = np.bincount(labels[probabilities.argmax(axis=1) == labels], minlength=classes)
    with np.errstate(invalid="ignore", divide="ignore"):
        return [float(value) for value in hits / asked]


def code_to_class_mapping(confusion):
    """The one-to-one mapping of codes to classes that matches the most samples.

    InfoGAN's categorical code is not told which digit to draw: code 3 may come to mean "7".
    Given confusion[code, class], the number of samples drawn from each code that the
    classifier calls each class, this finds the mapping (each code to a different class)
    with the largest sum of confusion[code, mapping[code]]: an assignment problem, solved
    exactly by the Hungarian method (`scipy.optimize.linear_sum_assignment`).

    Args:
        confusion: an array of counts of shape (codes, classes).

    Returns:
        {code: class} as plain ints; with more codes than classes, only `classes` codes are mapped.
    """
    # Imported here: scipy.optimize takes a sixth of a second to load, and only InfoGAN's figures need it.
    from scipy.optimize import linear_sum_assignment

    codes, classes = linear_sum_assignment(np.asarray(confusion), maximize=True)
    return {int(code): int(class_) for code, class_ in zip(codes, classes)}


def code_class_match(probabilities, codes, categories=None):
    """How well InfoGAN's categorical code names the digit: the share of samples whose predicted
    class is their code's class under the best one-to-one mapping (`code_to_class_mapping`).

    match = max over one-to-one mappings m of #{x : argmax_y p(y|x) = m(code(x))} / #x

    The clustering accuracy of Chen et al. 2016 (InfoGAN, section 7: 5% error on MNIST),
    https://arxiv.org/abs/1606.03657. 1 when each code draws one digit of its own; near
    1 / classes when the code is ignored.

    Args:
        probabilities: an array of shape (count, classes).
        codes: the categorical code of each sample: integers of shape (count,).
        categories: how many codes there are; None for `classes`.

    Returns:
        (match, mapping): a float in [0, 1] and the {code: class} mapping that achieves it.

    Raises:
        ValueError: the codes are not integers, one per sample, in [0, categories).
    """
    probabilities = _check_probabilities(probabilities)
    categories = probabilities.shape[1] if categories is None else categories
    codes = _check_labels("codes", codes, len(probabilities), categories)
    return clustering_accuracy(codes, probabilities.argmax(axis=1), groups=categories,
                               classes=probabilities.shape[1])


def clustering_accuracy(groups_of, labels, groups=None, classes=None):
    """The share of items whose group is their label's under the best one-to-one mapping of
    groups to labels (`code_to_class_mapping`): how well an unsupervised grouping (InfoGAN's Q
    on real digits, a clustering) names the classes.

    Args:
        groups_of: the group of each item, integers of shape (count,).
        labels: the class of each item, integers of shape (count,).
        groups, classes: how many of each there are; None for one more than the largest given.

    Returns:
        (accuracy, mapping): a float in [0, 1] and the {group: class} mapping that achieves it.
    """
    groups_of, labels = np.asarray(groups_of, np.int64), np.asarray(labels, np.int64)
    if groups_of.shape != labels.shape or groups_of.ndim != 1 or not len(labels):
        raise ValueError(f"groups_of and labels must be two equally long lists of integers, got shapes "
                         f"{groups_of.shape} and {labels.shape}")
    confusion = np.zeros((groups or groups_of.max() + 1, classes or labels.max() + 1), dtype=np.int64)
    np.add.at(confusion, (groups_of, labels), 1)
    mapping = code_to_class_mapping(confusion)
    matched = sum(confusion[group, class_] for group, class_ in mapping.items())
    return float(matched / len(labels)), mapping


def _check_labels(name, labels, count, classes):
    labels = np.asarray(labels)
    if labels.dtype.kind not in "iu":
        raise ValueError(f"{name} must be integer class indices, got dtype {labels.dtype}")
    if labels.shape != (count,):
        raise ValueError(f"{name} must be one label per sample, shape ({count},), got shape "
                         f"{labels.shape}")
    if labels.size and not 0 <= labels.min() <= labels.max() < classes:
        raise ValueError(f"{name} must be in [0, {classes}), got values in [{labels.min()}, "
                         f"{labels.max()}]")
    return labels.astype(np.int64)


def _check_probabilities(probabilities):
    array = np.asarray(probabilities, dtype=np.float64)
    if array.ndim != 2 or array.shape[0] == 0:
        raise ValueError(f"probabilities must have shape (count, classes), got shape {array.shape}")
    if np.any(array < 0) or not np.allclose(array.sum(axis=1), 1.0, atol=1e-3):
        raise ValueError("probabilities must be non-negative and each row must sum to 1")
    return array


def _check_features(name, features):
    array = np.asarray(features, dtype=np.float64)
    if array.ndim != 2 or array.shape[0] < 2:
        raise ValueError(f"{name} must have shape (count, dimensions) with count >= 2, got shape "
                         f"{array.shape}")
    return array


def _symmetric_sqrt(matrix):
    """The square root of a symmetric positive semi-definite matrix, by eigen-decomposition."""
    eigenvalues, eigenvectors = np.linalg.eigh(matrix)
    return (eigenvectors * np.sqrt(np.clip(eigenvalues, 0, None))) @ eigenvectors.T
