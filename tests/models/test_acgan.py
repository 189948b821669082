"""ACGANModel: G draws for a label; D's second head names the class of real and generated images."""
import numpy as np
import pytest
import tensorflow as tf
from two_classes import (ACGAN_OPTIONS, TINY, drawn_classes, moved, numpy_cross_entropy, two_class_images,
                         values_of)

from gan_tdd import ACGANModel, GANDataset

v1 = tf.compat.v1


@pytest.fixture(scope="module")
def model(build_once):
    """Built once and shared, its graph finalized so that no test can change it (conftest.py's
    `build_once`); each test opens a session of its own, with fresh variables."""
    return build_once(ACGANModel, **ACGAN_OPTIONS, **TINY)


@pytest.fixture
def session(model):
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        yield session


def class_head(model):
    return [v for v in model.discriminator_variables if "class_logits" in v.name]


def test_the_discriminator_gives_a_logit_and_class_logits_per_image(model, session, labelled_batch):
    """Two heads on one body: (batch, 1) real-or-fake logits and (batch, num_classes) class logits."""
    images, labels, _ = labelled_batch

    logits, class_logits = session.run([model.d_real_logits, model.d_real_class_logits],
                                       {model.real_images: images})

    assert logits.shape == (4, 1) and class_logits.shape == (4, 2)


def test_real_and_fake_paths_share_both_heads(model, session, labelled_batch):
    """Fed the same images, both paths give the same logits and class logits; the class head is D's."""
    images, _, _ = labelled_batch
    heads = [model.d_real_logits, model.d_real_class_logits]

    real_path = session.run(heads, {model.real_images: images})
    fake_path = session.run([model.d_fake_logits, model.d_fake_class_logits], {model.generated_images: images})

    for real, fake in zip(real_path, fake_path):
        np.testing.assert_allclose(real, fake, rtol=1e-6)
    assert [v.name for v in class_head(model)] == ["discriminator/class_logits/kernel:0",
                                                    "discriminator/class_logits/bias:0"]


def test_the_class_head_moves_with_the_discriminator_update_and_never_with_the_generators(
        model, session, labelled_batch):
    """The class head belongs to D: d_train_op moves it and G's variables stay; g_train_op moves only G."""
    images, labels, noise = labelled_batch
    feed = {model.real_images: images, model.labels: labels, model.noise: noise}
    g_before, head_before = values_of(session, model.generator_variables), values_of(session, class_head(model))

    session.run(model.d_train_op, feed)
    assert all(moved(session, class_head(model), head_before))
    assert not any(moved(session, model.generator_variables, g_before))

    d_before = values_of(session, model.discriminator_variables)
    session.run(model.g_train_op, feed)
    assert any(moved(session, model.generator_variables, g_before))
    assert not any(moved(session, model.discriminator_variables, d_before))


def test_each_loss_is_its_gan_loss_plus_the_weighted_class_loss(model, session, labelled_batch):
    """d_loss = d_adversarial + w (CE(real) + CE(fake)); g_loss = g_adversarial + w CE(fake), w = 0.5."""
    images, labels, noise = labelled_batch
    feed = {model.real_images: images, model.labels: labels, model.noise: noise}

    values = session.run({name: getattr(model, name) for name in [
        "d_real_class_logits", "d_fake_class_logits", "d_adversarial_loss", "g_adversarial_loss",
        "d_loss", "g_loss"]}, feed)

    real_ce = numpy_cross_entropy(values["d_real_class_logits"], labels)
    fake_ce = numpy_cross_entropy(values["d_fake_class_logits"], labels)
    assert values["d_loss"] == pytest.approx(values["d_adversarial_loss"] + 0.5 * (real_ce + fake_ce), abs=1e-5)
    assert values["g_loss"] == pytest.approx(values["g_adversarial_loss"] + 0.5 * fake_ce, abs=1e-5)
    assert set(model.scalars) >= {"d_loss", "g_loss", "d_class_loss", "g_class_loss", "real_class_accuracy"}


@pytest.mark.slow(reason="trains for a few hundred steps")
def test_an_acgan_draws_the_class_it_is_asked_for():
    """After 240 steps on left-bright 0s and right-bright 1s, nine samples in ten show the asked class."""
    images, labels = two_class_images(256)
    model = ACGANModel(noise_dim=8, image_shape=(8, 8, 1), num_classes=2, generator_width=8,
                       discriminator_width=8, d_learning_rate=1e-3, g_learning_rate=1e-3, seed=0)
    dataset = GANDataset(images, noise_dim=8, batch_size=16, seed=0, labels=labels)
    noise = np.random.default_rng(1).standard_normal((64, 8)).astype(np.float32)
    asked = np.arange(64) % 2

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=15)
        drawn = drawn_classes(model.generate(session, noise, labels=asked))
        accuracy = session.run(model.real_class_accuracy, {model.real_images: images, model.labels: labels})

    assert np.mean(drawn == asked) > 0.9
    assert accuracy > 0.9
