"""SelfConditionedGANModel: clusters found in the images stand in for labels; it learns each
cluster's share, and draws clusters as often as the data has them."""
import numpy as np
import pytest
import tensorflow as tf
from two_classes import TINY

from gan_tdd import GANDataset, SelfConditionedGANModel
from gan_tdd.clustering import cluster_images
from gan_tdd.models.self_conditioned import clusters_in_proportion

v1 = tf.compat.v1


@pytest.fixture(scope="module")
def model(build_once):
    """Three clusters, built once and shared, its graph finalized."""
    return build_once(SelfConditionedGANModel, clusters=3, **TINY)


@pytest.fixture
def session(model):
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        yield session


def dataset_of_clusters(labels):
    """Eight random 8x8 images with the given cluster of each."""
    images = np.random.default_rng(0).uniform(-1, 1, (8, 8, 8, 1)).astype(np.float32)
    return GANDataset(images, noise_dim=TINY["noise_dim"], batch_size=2, seed=0, labels=labels)


@pytest.mark.parametrize("count, expected", [
    pytest.param(4, [0, 0, 1, 2], id="four"),
    pytest.param(8, [0, 0, 0, 0, 1, 1, 2, 2], id="eight"),
])
def test_clusters_in_proportion_give_each_cluster_its_share_of_the_samples(count, expected):
    """Shares 1/2, 1/4, 1/4: half the samples from cluster 0, a quarter from each other."""
    assert clusters_in_proportion(count, [0.5, 0.25, 0.25]).tolist() == expected


def test_fit_learns_each_clusters_share_of_the_images(model, session):
    """Six images in cluster 0, two in cluster 2, none in cluster 1: shares 3/4, 0, 1/4, even
    for a fit of no epoch; they start even."""
    before = session.run(model.cluster_shares)

    model.fit(session, dataset_of_clusters([0, 0, 2, 0, 0, 2, 0, 0]), epochs=0)

    np.testing.assert_allclose(before, [1 / 3] * 3)
    np.testing.assert_allclose(session.run(model.cluster_shares), [0.75, 0.0, 0.25])


def test_generate_draws_clusters_in_proportion_unless_told_which(model, session, noise):
    """With shares 3/4, 0, 1/4, three noise vectors are drawn for clusters 0, 0 and 2."""
    model.fit(session, dataset_of_clusters([0, 0, 2, 0, 0, 2, 0, 0]), epochs=0)

    drawn = model.generate(session, noise)

    np.testing.assert_array_equal(drawn, model.generate(session, noise, clusters=[0, 0, 2]))
    assert not np.allclose(drawn, model.generate(session, noise, clusters=[1, 1, 1]))


def test_the_shares_are_a_variable_saved_with_the_model_and_never_trained(model):
    """A checkpoint keeps them, so that a model restored to sample draws as the trained one did."""
    trained = {v.name for v in model.generator_variables + model.discriminator_variables}

    assert model.cluster_shares.name in {v.name for v in model.graph.get_collection("variables")}
    assert model.cluster_shares.name not in trained


@pytest.mark.parametrize("options, message", [
    pytest.param({"clusters": 1}, "clusters must be an integer >= 2", id="one_cluster"),
    pytest.param({"num_classes": 10}, "give clusters=, not num_classes=", id="num_classes"),
])
def test_arguments_it_cannot_take_are_refused(options, message):
    """In one line that names the argument, before any graph is built."""
    with pytest.raises(ValueError, match=message):
        SelfConditionedGANModel(**TINY, **options)


def bars(count, seed=0):
    """`count` 8x8 images in [-1, 1], in turn a horizontal and a vertical bar through the middle,
    with a little noise: (images, kind of each: 0 horizontal, 1 vertical)."""
    kinds = np.arange(count) % 2
    images = np.full((count, 8, 8, 1), -0.8, np.float32)
    images[kinds == 0, 3:5, :] = 0.8
    images[kinds == 1, :, 3:5] = 0.8
    noise = np.random.default_rng(seed).normal(0, 0.05, images.shape)
    return np.clip(images + noise, -1, 1).astype(np.float32), kinds


def drawn_bars(images):
    """0 where an image's middle rows are brighter than its middle columns, else 1."""
    return (images[:, 3:5, :].mean(axis=(1, 2, 3)) < images[:, :, 3:5].mean(axis=(1, 2, 3))).astype(int)


@pytest.mark.slow(reason="trains for 240 steps")
def test_without_labels_each_cluster_draws_one_kind_of_image():
    """Horizontal and vertical bars, clustered without their kinds into 2: after 240 steps nine
    samples in ten of a cluster show the kind of image that cluster holds."""
    images, kinds = bars(256)
    clusters = cluster_images(images, 2, seed=0, dimensions=5)
    kind_of_cluster = [np.bincount(kinds[clusters == cluster]).argmax() for cluster in (0, 1)]
    model = SelfConditionedGANModel(noise_dim=8, image_shape=(8, 8, 1), clusters=2, generator_width=8,
                                    discriminator_width=8, d_learning_rate=1e-3, g_learning_rate=1e-3, seed=0)
    dataset = GANDataset(images, noise_dim=8, batch_size=16, seed=0, labels=clusters)
    noise = np.random.default_rng(1).standard_normal((64, 8)).astype(np.float32)
    asked = np.arange(64) % 2

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=15)
        drawn = drawn_bars(model.generate(session, noise, clusters=asked))

    assert sorted(kind_of_cluster) == [0, 1] and np.mean(np.take(kind_of_cluster, clusters) == kinds) == 1.0
    assert np.mean(drawn == np.take(kind_of_cluster, asked)) >= 0.9
