"""Clusters of images found without labels: the classes a self-conditioned GAN conditions on.

    cluster_images(images, clusters, seed)   -> one cluster index per image
    cluster_shares(assignments, clusters)    -> the share of the images in each cluster

The images are flattened, projected on their first principal components (most of a digit's
variation lies in a few dozen directions, and the distances that k-means compares become both
cheaper and less noisy there) and grouped by k-means with k-means++ seeding
(`scipy.cluster.vq.kmeans2`). On MNIST, 50 clusters of 50 components put 82% of the digits in a
cluster whose most common digit is their own; 10 clusters, 62% (docs/unsupervised.md).
"""
import warnings

import numpy as np
from scipy.cluster.vq import kmeans2

from gan_tdd.checks import require_int


def principal_components(features, dimensions):
    """Project `features` (count, n) on their first `dimensions` principal directions.

    Returns:
        A float64 array of shape (count, min(dimensions, n)): each row's coordinates along the
        directions of largest variance, largest first, after the mean is taken out.
    """
    features = np.asarray(features, np.float64)
    centred = features - features.mean(axis=0)
    # The eigenvectors of the (n, n) covariance: cheaper than an SVD of the (count, n) data.
    values, vectors = np.linalg.eigh(centred.T @ centred)
    largest_first = vectors[:, np.argsort(values)[::-1][:dimensions]]
    return centred @ largest_first


def kmeans(features, clusters, seed=0, iterations=30):
    """Group `features` (count, n) into `clusters` groups by k-means, seeded by k-means++.

    Returns:
        (assignments, centres): int32 of shape (count,), and float64 of shape (clusters, n).

    Raises:
        ValueError: fewer rows than clusters.
    """
    features = np.asarray(features, np.float64)
    if len(features) < clusters:
        raise ValueError(f"clusters must be at most the number of images ({len(features)}), got {clusters}")
    with warnings.catch_warnings():
        # A cluster that loses all its points keeps its centre and stays empty: a share of 0,
        # never drawn. It happens with few images and many clusters, and harms nothing.
        warnings.simplefilter("ignore")
        centres, assignments = kmeans2(features, clusters, iter=iterations, minit="++", missing="warn",
                                       seed=np.random.default_rng(seed))
    return assignments.astype(np.int32), centres


def cluster_images(images, clusters, seed=0, dimensions=50):
    """One cluster index per image, found from the pixels alone.

    Args:
        images: (count, height, width, channels), uint8 or float.
        clusters: how many clusters, >= 2.
        seed: seeds k-means++, so that the same images give the same clusters.
        dimensions: the principal components k-means works on.

    Returns:
        int32 cluster indices of shape (count,), each in [0, clusters).

    Raises:
        ValueError: clusters below 2, or above the number of images.
    """
    require_int("clusters", clusters, 2)
    images = np.asarray(images)
    flat = images.reshape(len(images), -1).astype(np.float32)
    if images.dtype == np.uint8:
        flat /= 255.0
    return kmeans(principal_components(flat, dimensions), clusters, seed)[0]


def cluster_shares(assignments, clusters):
    """The share of the images in each cluster: float64 of shape (clusters,), summing to 1."""
    counts = np.bincount(np.asarray(assignments), minlength=clusters)[:clusters]
    return counts / counts.sum()
