"""Clusters of images found without labels: the classes a self-conditioned GAN conditions on.

    cluster_images(images, clusters, seed)   -> one cluster index per image
    cluster_shares(assignments, clusters)    -> the share of the images in each cluster

The images are deskewed (each sheared so that its strokes stand upright: slant is a matter of
style, not of what an image shows), flattened, projected on their first principal components
(most of a digit's variation lies in a few dozen directions, and the distances that k-means
compares become both cheaper and less noisy there) and grouped by k-means with k-means++
seeding (`scipy.cluster.vq.kmeans2`). On MNIST, 50 clusters put 89% of the digits in a cluster
whose most common digit is their own, 83% without the deskewing (docs/unsupervised.md).
"""
import warnings

import numpy as np

from gan_tdd.checks import require_int


def upright_shear(ink):
    """The shear that stands the strokes of `ink` (height, width, >= 0) upright, as
    `scipy.ndimage.affine_transform`'s (matrix, offset).

    With (r, c) the centre of mass of the ink and cov(r, c) / var(r) its slant, the image is
    resampled at c' = c + slant * (r - r_centre): a stroke that leans becomes upright, and the
    centre of mass moves to the middle of the picture. No ink: no shear.
    """
    total = ink.sum()
    rows, columns = np.mgrid[:ink.shape[0], :ink.shape[1]]
    middle = (np.array(ink.shape, np.float64) - 1) / 2
    if total <= 0:
        return np.eye(2), np.zeros(2)
    centre = np.array([(rows * ink).sum(), (columns * ink).sum()]) / total
    variance = ((rows - centre[0]) ** 2 * ink).sum() / total
    slant = ((rows - centre[0]) * (columns - centre[1]) * ink).sum() / total / variance if variance else 0.0
    shear = np.array([[1.0, 0.0], [slant, 1.0]])
    return shear, centre - shear @ middle


def deskew(images):
    """Each image (count, height, width, channels) sheared so that its strokes stand upright
    (`upright_shear` of its channels' mean, above its darkest pixel), every channel alike."""
    from scipy import ndimage  # here: a run whose clusters are cached never loads it

    images = np.asarray(images, np.float32)
    upright = np.empty_like(images)
    for index, image in enumerate(images):
        ink = image.mean(axis=-1)
        shear, offset = upright_shear(ink - ink.min())
        for channel in range(image.shape[-1]):
            upright[index, ..., channel] = ndimage.affine_transform(image[..., channel], shear, offset=offset,
                                                                    order=1, cval=float(image[..., channel].min()))
    return upright


def principal_components(features, dimensions):
    """Project `features` (count, n) on their first `dimensions` principal directions.

    Returns:
        A float64 array of shape (count, min(dimensions, n)): each row's coordinates along the
        directions of largest variance, largest first, after the mean is taken out.
    """
    # float32 for the (count, n) arrays: MNIST's 60,000 x 784 take 188 MB instead of 376.
    centred = np.asarray(features, np.float32) - np.asarray(features, np.float64).mean(axis=0).astype(np.float32)
    if centred.shape[1] > len(centred):
        # More numbers per row than rows (2,000 colour pictures): the (count, count) matrix of
        # the rows' products has the same leading directions, scaled: u sqrt(lambda) = X v.
        values, vectors = np.linalg.eigh((centred @ centred.T).astype(np.float64))
        order = np.argsort(values)[::-1][:dimensions]
        return vectors[:, order] * np.sqrt(np.maximum(values[order], 0.0))
    # The eigenvectors of the (n, n) covariance: cheaper than an SVD of the (count, n) data.
    values, vectors = np.linalg.eigh((centred.T @ centred).astype(np.float64))
    largest_first = vectors[:, np.argsort(values)[::-1][:dimensions]].astype(np.float32)
    return (centred @ largest_first).astype(np.float64)


def kmeans(features, clusters, seed=0, iterations=30):
    """Group `features` (count, n) into `clusters` groups by k-means, seeded by k-means++.

    Returns:
        (assignments, centres): int32 of shape (count,), and float64 of shape (clusters, n).

    Raises:
        ValueError: fewer rows than clusters.
    """
    from scipy.cluster.vq import kmeans2  # here, as ndimage: loaded only when clusters are found

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


THUMBNAIL_SIDE = 32


def thumbnails(images):
    """Pictures larger than 32 pixels a side, shrunk by the mean of each f x f block (f the
    smallest factor that brings both sides to 32 or below and divides them): what tells
    pictures apart survives, and the principal components work on a quarter of 64x64's numbers.
    MNIST's 28x28 digits pass unchanged."""
    height, width = images.shape[1:3]
    factor = 1
    while max(height, width) // factor > THUMBNAIL_SIDE or height % factor or width % factor:
        factor += 1
        if factor > max(height, width):
            return images
    if factor == 1:
        return images
    blocks = images.reshape(len(images), height // factor, factor, width // factor, factor, images.shape[3])
    return blocks.astype(np.float32).mean(axis=(2, 4)).astype(images.dtype)


def cluster_images(images, clusters, seed=0, dimensions=50):
    """One cluster index per image, found from the pixels alone (of `thumbnails` of large
    pictures), deskewed (`deskew`).

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
    images = thumbnails(np.asarray(images))
    scale = 255.0 if images.dtype == np.uint8 else 1.0
    upright = deskew(images.astype(np.float32) / scale)
    return kmeans(principal_components(upright.reshape(len(images), -1), dimensions), clusters, seed)[0]


def cluster_shares(assignments, clusters):
    """The share of the images in each cluster: float64 of shape (clusters,), summing to 1."""
    counts = np.bincount(np.asarray(assignments), minlength=clusters)[:clusters]
    return counts / counts.sum()
