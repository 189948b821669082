"""InfoGANModel: G reads noise and a code; Q, a head on D's body, learns to read the code back."""
import numpy as np
import pytest
import tensorflow as tf
from two_classes import INFOGAN_OPTIONS, TINY, moved, numpy_cross_entropy, two_class_images, values_of

from gan_tdd import GANDataset, InfoGANModel

v1 = tf.compat.v1


@pytest.fixture(scope="module")
def model(build_once):
    """Built once and shared, its graph finalized so that no test can change it (conftest.py's
    `build_once`); each test opens a session of its own, with fresh variables."""
    return build_once(InfoGANModel, **INFOGAN_OPTIONS, **TINY)


@pytest.fixture
def session(model):
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        yield session


@pytest.fixture
def images():
    return two_class_images(4)[0]


@pytest.fixture
def noise():
    return np.random.default_rng(1).standard_normal((4, 4)).astype(np.float32)


CODES = (np.array([0, 1, 2, 0]), np.array([[-1, 1], [0, 0], [0.5, -0.5], [1, 1]], np.float32))


def q_heads(model):
    return [v for v in model.discriminator_variables if "/q_" in v.name]


def test_generate_draws_one_image_per_noise_vector_and_code(model, session, noise):
    """Codes (categorical, continuous) choose the image; another categorical code draws another one."""
    images = model.generate(session, noise, codes=CODES)
    others = model.generate(session, noise, codes=((CODES[0] + 1) % 3, CODES[1]))

    assert images.shape == (4, 8, 8, 1)
    assert not np.allclose(images, others)


def test_without_codes_the_model_draws_random_ones_for_each_update(model, session, noise):
    """Unfed, the codes are drawn in the graph, fresh on each run, one per noise vector."""
    first, second = (session.run([model.categorical_code, model.continuous_code], {model.noise: noise})
                     for _ in range(2))

    assert first[0].shape == (4,) and first[1].shape == (4, 2)
    assert 0 <= first[0].min() and first[0].max() < 3 and np.abs(first[1]).max() <= 1
    assert not np.array_equal(first[1], second[1])


def test_q_reads_the_code_from_the_discriminators_body_on_generated_images(model, session, noise):
    """Q's heads give (batch, categorical_dim) logits and (batch, continuous_dim) means; they live in D's scope."""
    categorical, continuous = session.run([model.q_categorical_logits, model.q_continuous_means],
                                          {model.noise: noise})

    assert categorical.shape == (4, 3) and continuous.shape == (4, 2)
    assert [v.name for v in q_heads(model)] == [
        "discriminator/q_categorical/kernel:0", "discriminator/q_categorical/bias:0",
        "discriminator/q_continuous/kernel:0", "discriminator/q_continuous/bias:0"]


def test_real_and_fake_paths_share_the_discriminator(model, session, images):
    """Fed the same images, both paths give the same logits."""
    real_path = session.run(model.d_real_logits, {model.real_images: images})
    fake_path = session.run(model.d_fake_logits, {model.generated_images: images})

    np.testing.assert_allclose(real_path, fake_path, rtol=1e-6)


def test_q_trains_with_the_discriminator_and_the_generator_alone_with_its_update(model, session, images, noise):
    """d_train_op moves Q's heads (and no G variable); g_train_op moves G and leaves all of D, Q included."""
    feed = {model.real_images: images, model.noise: noise}
    g_before, q_before = values_of(session, model.generator_variables), values_of(session, q_heads(model))

    session.run(model.d_train_op, feed)
    assert all(moved(session, q_heads(model), q_before))
    assert not any(moved(session, model.generator_variables, g_before))

    d_before = values_of(session, model.discriminator_variables)
    session.run(model.g_train_op, feed)
    assert any(moved(session, model.generator_variables, g_before))
    assert not any(moved(session, model.discriminator_variables, d_before))


def test_both_losses_add_the_mutual_information_penalty_each_term_weighted(model, session, images, noise):
    """d_loss and g_loss are their GAN losses + 0.5 CE(Q_cat, c) + 0.2 mean sum 1/2 (Q_cont - c_cont)^2."""
    feed = {model.real_images: images, model.noise: noise, model.categorical_code: CODES[0],
            model.continuous_code: CODES[1]}

    values = session.run({name: getattr(model, name) for name in [
        "q_categorical_logits", "q_continuous_means", "d_adversarial_loss", "g_adversarial_loss",
        "d_loss", "g_loss"]}, feed)

    penalty = (0.5 * numpy_cross_entropy(values["q_categorical_logits"], CODES[0])
               + 0.2 * 0.5 * np.mean(np.sum((values["q_continuous_means"] - CODES[1]) ** 2, axis=1)))
    assert values["d_loss"] == pytest.approx(values["d_adversarial_loss"] + penalty, abs=1e-5)
    assert values["g_loss"] == pytest.approx(values["g_adversarial_loss"] + penalty, abs=1e-5)


@pytest.mark.slow(reason="trains for a few hundred steps")
def test_an_infogan_learns_a_code_that_q_can_read_back():
    """After 240 steps, Q names the categorical code of generated images nine times in ten (chance: half)."""
    images, _ = two_class_images(256)
    model = InfoGANModel(noise_dim=8, image_shape=(8, 8, 1), categorical_dim=2, continuous_dim=1,
                         generator_width=8, discriminator_width=8, d_learning_rate=1e-3,
                         g_learning_rate=1e-3, seed=0)
    dataset = GANDataset(images, noise_dim=8, batch_size=16, seed=0)
    noise = np.random.default_rng(1).standard_normal((64, 8)).astype(np.float32)
    codes = {model.noise: noise, model.categorical_code: np.arange(64) % 2,
             model.continuous_code: np.zeros((64, 1), np.float32)}

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=15)
        read_back = session.run(model.q_categorical_logits, codes).argmax(axis=1)

    assert np.mean(read_back == np.arange(64) % 2) > 0.9


def test_q_names_a_category_for_each_real_image_the_argmax_of_its_categorical_head(model, session, images):
    """Q used as a classifier (InfoGAN's own measure on MNIST: its categories against the digits)."""
    logits = session.run(model.d_real_outputs["q_categorical"], {model.real_images: images})

    categories = model.q_categories(session, images, batch_size=3)

    assert categories.tolist() == logits.argmax(axis=1).tolist()
    assert categories.dtype.kind == "i" and ((0 <= categories) & (categories < model.categorical_dim)).all()
