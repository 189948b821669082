"""Clustering images without labels: principal components, k-means, and the clusters' shares."""
import numpy as np
import pytest

from gan_tdd.clustering import cluster_images, cluster_shares, deskew, kmeans, principal_components


def blobs(centres, per_blob, spread=0.05, seed=0):
    """`per_blob` points around each centre, and the index of the centre each came from."""
    rng = np.random.default_rng(seed)
    centres = np.asarray(centres, np.float64)
    points = np.concatenate([centre + rng.normal(0, spread, (per_blob, centres.shape[1])) for centre in centres])
    return points, np.repeat(np.arange(len(centres)), per_blob)


def same_partition(found, truth):
    """True when two labellings group the points the same way, whatever the clusters are called."""
    pairs = set(zip(found.tolist(), truth.tolist()))
    return len(pairs) == len(set(found.tolist())) == len(set(truth.tolist()))


def test_principal_components_keep_the_direction_of_largest_variance_first():
    """Points spread along x (variance 100) and a little along y (variance 1): the first
    coordinate is x, up to its sign, with the mean taken out."""
    rng = np.random.default_rng(0)
    points = np.stack([rng.normal(5, 10, 500), rng.normal(-3, 1, 500)], axis=1)

    projected = principal_components(points, 1)

    assert projected.shape == (500, 1)
    np.testing.assert_allclose(np.abs(projected[:, 0]), np.abs(points[:, 0] - points[:, 0].mean()), atol=0.2)


def test_kmeans_finds_three_separate_blobs_exactly():
    """Three tight blobs far apart: each found cluster is one blob, and the centres are the blobs'."""
    points, truth = blobs([[0, 0], [10, 0], [0, 10]], per_blob=40)

    assignments, centres = kmeans(points, 3, seed=0)

    assert assignments.dtype == np.int32 and same_partition(assignments, truth)
    np.testing.assert_allclose(sorted(map(tuple, np.round(centres))), [(0, 0), (0, 10), (10, 0)])


def test_the_same_seed_gives_the_same_clusters():
    """k-means++ draws its first centres at random: the seed fixes them."""
    points, _ = blobs([[0, 0], [1, 0], [0, 1], [1, 1]], per_blob=30, spread=0.4)

    first, second = kmeans(points, 4, seed=7)[0], kmeans(points, 4, seed=7)[0]

    np.testing.assert_array_equal(first, second)


def test_cluster_images_groups_uint8_pictures_by_what_they_show():
    """Vertical and horizontal bars anywhere in 8x8 pictures, with a little noise: two clusters,
    one per kind, wherever each bar stands."""
    rng = np.random.default_rng(0)
    kinds = rng.integers(0, 2, 60)
    images = rng.integers(0, 20, (60, 8, 8, 1))
    for image, kind, place in zip(images, kinds, rng.integers(1, 7, 60)):
        if kind == 0:
            image[1:7, place] = 230
        else:
            image[place, 1:7] = 230

    assignments = cluster_images(images.astype(np.uint8), 2, seed=0, dimensions=5)

    assert assignments.shape == (60,) and same_partition(assignments, kinds)


def ink_columns(image):
    """The centre of the ink's columns in each row that has ink."""
    rows = image[..., 0]
    return [(row * np.arange(len(row))).sum() / row.sum() for row in rows if row.sum() > 0]


def test_deskew_stands_a_slanted_stroke_upright_in_the_middle():
    """A stroke leaning one column every two rows comes out upright (its rows' ink in one column,
    give or take the resampling) and centred; a blank image comes out blank."""
    slanted = np.zeros((1, 12, 12, 1), np.float32)
    for row in range(2, 10):
        slanted[0, row, 2 + row // 2] = 1.0

    upright = deskew(np.concatenate([slanted, np.zeros_like(slanted)]))

    assert np.std(ink_columns(slanted[0])) > 1.0
    assert np.std(ink_columns(upright[0])) < 0.3
    assert np.mean(ink_columns(upright[0])) == pytest.approx(5.5, abs=0.3)
    assert not upright[1].any()


def test_cluster_shares_count_each_cluster_even_an_empty_one():
    """Assignments 0, 0, 1, 0 of 3 clusters: shares 3/4, 1/4 and 0."""
    np.testing.assert_allclose(cluster_shares([0, 0, 1, 0], 3), [0.75, 0.25, 0.0])


@pytest.mark.parametrize("clusters, message", [
    pytest.param(1, "clusters must be an integer >= 2", id="one_cluster"),
    pytest.param(11, "clusters must be at most the number of images (10), got 11", id="more_clusters_than_images"),
])
def test_a_number_of_clusters_that_cannot_be_found_is_refused(clusters, message):
    """The message names the argument and what it must be."""
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        cluster_images(np.zeros((10, 4, 4, 1), np.uint8), clusters)


def test_with_more_numbers_per_row_than_rows_the_components_are_the_same_up_to_sign():
    """10 rows of 40 numbers: the (count, count) path gives the covariance path's coordinates."""
    from gan_tdd.clustering import principal_components

    features = np.random.default_rng(0).standard_normal((10, 40))
    centred = features - features.mean(axis=0)
    _, _, directions = np.linalg.svd(centred, full_matrices=False)
    by_svd = centred @ directions[:3].T

    np.testing.assert_allclose(np.abs(principal_components(features, 3)), np.abs(by_svd), rtol=1e-4, atol=1e-5)


def test_large_pictures_are_clustered_on_thumbnails_of_block_means():
    """64x64 pictures shrink by 2 to 32x32, each pixel the mean of a 2x2 block; 28x28 stays."""
    from gan_tdd.clustering import thumbnails

    pictures = np.arange(2 * 64 * 64 * 3, dtype=np.float32).reshape(2, 64, 64, 3)

    small = thumbnails(pictures)

    assert small.shape == (2, 32, 32, 3)
    np.testing.assert_allclose(small[1, 5, 7], pictures[1, 10:12, 14:16].mean(axis=(0, 1)))
    assert thumbnails(np.zeros((1, 28, 28, 1), np.uint8)).shape == (1, 28, 28, 1)
