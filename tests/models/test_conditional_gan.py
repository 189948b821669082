"""ConditionalGANModel: both networks read the label, D judges image-label pairs, G draws the class asked for."""
import numpy as np
import pytest
import tensorflow as tf
from two_classes import TINY, TINY_DCGAN, drawn_classes, moved, two_class_images, values_of

from gan_tdd import ConditionalGANModel, GANDataset

v1 = tf.compat.v1


@pytest.fixture(scope="module")
def model(build_once):
    """Built once and shared, its graph finalized so that no test can change it (conftest.py's
    `build_once`); each test opens a session of its own, with fresh variables. With the DCGAN
    pair: some tests read what its first convolution reads."""
    return build_once(ConditionalGANModel, num_classes=2, **TINY_DCGAN)


@pytest.fixture
def session(model):
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        yield session


def test_generate_draws_one_image_per_noise_vector_and_label(model, session, labelled_batch):
    """Four noise vectors and four labels give four 8x8 images in [-1, 1]."""
    _, labels, noise = labelled_batch

    images = model.generate(session, noise, labels=labels)

    assert images.shape == (4, 8, 8, 1)
    assert images.min() >= -1 and images.max() <= 1


def test_the_label_changes_the_image_drawn_from_the_same_noise(model, session, labelled_batch):
    """The generator reads the label: the same noise with another label gives another image."""
    _, _, noise = labelled_batch

    zeros = model.generate(session, noise, labels=np.zeros(4, int))
    ones = model.generate(session, noise, labels=np.ones(4, int))

    assert not np.allclose(zeros, ones)


def test_the_discriminator_judges_the_label_with_the_image(model, session, labelled_batch):
    """The same image with another label gets another logit: D sees pairs, not images."""
    images, labels, _ = labelled_batch

    right = session.run(model.d_real_logits, {model.real_images: images, model.labels: labels})
    wrong = session.run(model.d_real_logits, {model.real_images: images, model.labels: 1 - labels})

    assert right.shape == (4, 1)
    assert not np.allclose(right, wrong)


def test_real_and_fake_paths_share_the_discriminator_and_its_label_channels(model, session, labelled_batch):
    """Fed the same images and labels, both paths give the same logits: one set of weights, whose
    first convolution reads one image channel and two label channels."""
    images, labels, _ = labelled_batch

    real_path = session.run(model.d_real_logits, {model.real_images: images, model.labels: labels})
    fake_path = session.run(model.d_fake_logits, {model.generated_images: images, model.labels: labels})

    np.testing.assert_allclose(real_path, fake_path, rtol=1e-6)
    first_kernel = model.discriminator_variables[0]
    assert first_kernel.name == "discriminator/downsample_1/kernel:0"
    assert first_kernel.shape.as_list()[2] == 1 + 2
    assert len(model.discriminator_variables) == 6


def test_each_update_moves_only_its_own_network(model, session, labelled_batch):
    """d_train_op moves D's variables only; g_train_op moves G's only."""
    images, labels, noise = labelled_batch
    feed = {model.real_images: images, model.labels: labels, model.noise: noise}
    g_before = values_of(session, model.generator_variables)
    d_before = values_of(session, model.discriminator_variables)

    session.run(model.d_train_op, feed)
    assert all(moved(session, model.discriminator_variables, d_before))
    assert not any(moved(session, model.generator_variables, g_before))

    d_before = values_of(session, model.discriminator_variables)
    session.run(model.g_train_op, feed)
    assert any(moved(session, model.generator_variables, g_before))
    assert not any(moved(session, model.discriminator_variables, d_before))


def test_fit_without_labels_is_refused_before_any_step(model, session):
    """A dataset made without labels: a one-line ValueError that names the argument, and no update runs."""
    images, _ = two_class_images(8)
    dataset = GANDataset(images, noise_dim=4, batch_size=4, seed=0)

    with pytest.raises(ValueError, match=r"learns from labels: make the dataset with GANDataset\(images, \.\.\., labels=labels\)"):
        model.fit(session, dataset)

    assert session.run(model.d_step) == 0


@pytest.mark.parametrize("labels, message", [
    pytest.param([0, 1], "labels must be 4 integer class indices", id="too_few"),
    pytest.param([0, 1, 2, 0], r"labels must be in \[0, 2\)", id="a_class_the_model_does_not_know"),
    pytest.param([0.0, 1.0, 0.0, 1.0], "integer class indices", id="floats"),
])
def test_generate_refuses_labels_that_do_not_fit(model, session, labelled_batch, labels, message):
    """One label per noise vector, each a class the model knows."""
    with pytest.raises(ValueError, match=message):
        model.generate(session, labelled_batch[2], labels=np.array(labels))


@pytest.mark.slow(reason="trains for 240 steps")
def test_a_conditional_gan_draws_the_class_it_is_asked_for():
    """After 240 steps on left-bright 0s and right-bright 1s, nine samples in ten show the asked
    class (before training: about half, by chance)."""
    images, labels = two_class_images(256)
    model = ConditionalGANModel(noise_dim=8, image_shape=(8, 8, 1), num_classes=2, generator_width=8,
                                discriminator_width=8, d_learning_rate=1e-3, g_learning_rate=1e-3, seed=0)
    dataset = GANDataset(images, noise_dim=8, batch_size=16, seed=0, labels=labels)
    noise = np.random.default_rng(1).standard_normal((64, 8)).astype(np.float32)
    asked = np.arange(64) % 2

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=15)
        drawn = drawn_classes(model.generate(session, noise, labels=asked))

    assert np.mean(drawn == asked) > 0.9


@pytest.fixture(scope="module")
def projection_model(build_once):
    """The tiny conditional GAN whose discriminator reads the label by projection, shared."""
    return build_once(ConditionalGANModel, num_classes=2, conditioning="projection", **TINY_DCGAN)


def test_with_projection_the_label_adds_its_embeddings_inner_product_with_the_features(
        projection_model, labelled_batch):
    """logit(x, y) = psi(phi(x)) + <embed(y), phi(x)>: two labels differ by <embed(0) - embed(1), phi(x)>,
    and with the embeddings at their start, 0, the label changes nothing."""
    model, (images, _, _) = projection_model, labelled_batch
    embedding = [v for v in model.discriminator_variables if "label_embedding" in v.name][0]
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        at_start = [session.run(model.d_real_logits, {model.real_images: images, model.labels: np.full(4, label)})
                    for label in (0, 1)]
        vectors = np.random.default_rng(0).normal(size=embedding.shape.as_list()).astype(np.float32)
        embedding.load(vectors, session)
        (features, as_zeros), (_, as_ones) = (
            session.run([model.d_real_outputs["features"], model.d_real_logits],
                        {model.real_images: images, model.labels: np.full(4, label)}) for label in (0, 1))

    np.testing.assert_allclose(at_start[0], at_start[1])
    np.testing.assert_allclose(as_zeros - as_ones, features @ (vectors[0] - vectors[1])[:, None], rtol=1e-4, atol=1e-5)


def test_with_projection_the_first_convolution_reads_the_image_alone(model, projection_model):
    """One channel in, where label channels make it 1 + 2: the cost no longer grows with the labels."""
    def first_kernel(graph_model):
        return [v for v in graph_model.discriminator_variables if "downsample_1/kernel" in v.name][0]

    assert first_kernel(projection_model).shape.as_list()[2] == 1
    assert first_kernel(model).shape.as_list()[2] == 3


@pytest.mark.parametrize("options, message", [
    pytest.param({"conditioning": "attention"}, "conditioning must be one of channels, projection, got 'attention'",
                 id="unknown_conditioning"),
    pytest.param({"conditioning": "projection", "discriminator_fn": lambda images: images},
                 "conditioning 'projection' reads the features of the networks' own discriminator",
                 id="projection_with_a_discriminator_fn"),
])
def test_a_conditioning_the_model_cannot_build_is_refused(options, message):
    """Before any graph is built, in one line that names the argument."""
    with pytest.raises(ValueError, match=message):
        ConditionalGANModel(num_classes=2, **TINY, **options)
