"""InfoGANModel: G reads noise and a code; Q, a head on D's body, learns to read the code back."""
import numpy as np
import pytest
import tensorflow as tf
from two_classes import (INFOGAN_OPTIONS, TINY, drawn_classes, moved, numpy_cross_entropy, two_class_images,
                         values_of)

from gan_tdd import GANDataset, InfoGANModel
from gan_tdd.augmentation import random_affine
from gan_tdd.evaluation.metrics import clustering_accuracy
from gan_tdd.models.infogan import code_grid

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


def mirrored(images):
    """A move that is easy to check: each picture mirrored left to right."""
    return tf.reverse(images, axis=[2])


def test_with_a_clustering_weight_d_loss_adds_qs_clustering_of_the_real_images_and_g_loss_does_not(
        build_once, images, noise):
    """clustering_weight 0.3: d_loss + 0.3 (KL(p(x) || p(moved x)) + mean H(p(x)) - H(mean p(x))),
    p Q's categories of the real images, the moved ones read by the same D; g_loss as before."""
    model = build_once(InfoGANModel, **INFOGAN_OPTIONS, **TINY, clustering_weight=0.3, augmentation=mirrored)
    feed = {model.real_images: images, model.noise: noise, model.categorical_code: CODES[0],
            model.continuous_code: CODES[1]}
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        values = session.run({name: getattr(model, name) for name in [
            "d_adversarial_loss", "g_adversarial_loss", "mutual_information_penalty", "d_loss", "g_loss"]}, feed)
        real, moved = (session.run(model.d_real_outputs["q_categorical"], {model.real_images: batch})
                       for batch in (images, images[:, :, ::-1]))

    p, q = (np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True) for logits in (real, moved))
    clustering = (np.mean(np.sum(p * np.log(p / q), axis=1)) - np.mean(np.sum(p * np.log(p), axis=1))
                  + np.sum(p.mean(axis=0) * np.log(p.mean(axis=0))))
    assert values["d_loss"] == pytest.approx(
        values["d_adversarial_loss"] + values["mutual_information_penalty"] + 0.3 * clustering, abs=1e-5)
    assert values["g_loss"] == pytest.approx(values["g_adversarial_loss"] + values["mutual_information_penalty"],
                                             abs=1e-5)


@pytest.mark.parametrize("arguments, message", [
    pytest.param(dict(augmentation="random_affine"), "augmentation must be a function images -> images",
                 id="augmentation"),
    pytest.param(dict(clustering_weight=-1), "clustering_weight must be a number >= 0", id="clustering_weight"),
])
def test_a_clustering_option_out_of_bounds_is_refused_by_name(arguments, message):
    with pytest.raises(ValueError, match=message):
        InfoGANModel(**TINY, **arguments)


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


@pytest.mark.slow(reason="trains for a few hundred steps")
@pytest.mark.parametrize("seed", [0, 1])
def test_with_clustering_q_sorts_the_real_images_by_class_and_each_code_draws_one_class(seed):
    """Two classes and two codes: after 240 steps Q names the real images' classes (under the best
    one-to-one mapping) and each code draws its class, both nine times in ten (chance: half).
    Without the clustering, seed 1's codes drew both classes alike (half of each)."""
    images, labels = two_class_images(256)
    model = InfoGANModel(noise_dim=8, image_shape=(8, 8, 1), categorical_dim=2, continuous_dim=1,
                         clustering_weight=1.0, augmentation=random_affine(10, 0.05, 0.5),
                         generator_width=8, discriminator_width=8, seed=seed)
    dataset = GANDataset(images, noise_dim=8, batch_size=16, seed=seed)
    codes = np.arange(64) % 2

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=15)
        named = model.q_categories(session, images)
        drawn = drawn_classes(model.generate(session, np.random.default_rng(1).standard_normal((64, 8)),
                                             codes=(codes, np.zeros((64, 1), np.float32))))

    q_accuracy, mapping = clustering_accuracy(named, labels, groups=2, classes=2)
    assert q_accuracy > 0.9
    assert np.mean(drawn == np.array([mapping[code] for code in codes])) > 0.9


def test_q_names_a_category_for_each_real_image_the_argmax_of_its_categorical_head(model, session, images):
    """Q used as a classifier (InfoGAN's own measure on MNIST: its categories against the digits)."""
    logits = session.run(model.d_real_outputs["q_categorical"], {model.real_images: images})

    categories = model.q_categories(session, images, batch_size=3)

    assert categories.tolist() == logits.argmax(axis=1).tolist()
    assert categories.dtype.kind == "i" and ((0 <= categories) & (categories < model.categorical_dim)).all()


# InfoGAN's one picture layout (the training grids and `main.py sample` alike): rows of ten, a
# categorical code per row; along a row either ten noise vectors or one continuous code's sweep.

def test_a_grid_has_a_row_per_code_and_the_same_ten_noise_vectors_down_each_column():
    """What changes down a column is the categorical code alone: each code draws the same noise."""
    noise_index, categorical, continuous = code_grid(100, categorical_dim=10, continuous_dim=2)

    assert (categorical.reshape(10, 10) == np.arange(10)[:, None]).all()
    assert (noise_index.reshape(10, 10) == np.arange(10)[None, :]).all()
    assert continuous.shape == (100, 2) and (continuous == 0).all()


def test_a_sweep_moves_one_continuous_code_from_minus_one_to_one_along_each_row():
    """With sweep=1: one noise vector for every row of the ten codes, the next ten rows the next one;
    only continuous code 1 moves along a row, the others stay 0."""
    noise_index, categorical, continuous = code_grid(200, categorical_dim=10, continuous_dim=3, sweep=1)

    assert (categorical.reshape(20, 10) == np.arange(20)[:, None] % 10).all()
    assert (noise_index.reshape(20, 10) == np.repeat(np.arange(2), 10)[:, None]).all()
    np.testing.assert_allclose(continuous[:, 1].reshape(20, 10), np.tile(np.linspace(-1, 1, 10), (20, 1)))
    assert (continuous[:, [0, 2]] == 0).all()


def test_one_code_asked_fills_every_row_each_with_noise_of_its_own():
    """code=3: every row draws code 3, so no two rows share a noise vector (nor two images, unswept)."""
    noise_index, categorical, _ = code_grid(25, categorical_dim=10, continuous_dim=2, code=3)
    swept_index, _, _ = code_grid(25, categorical_dim=10, continuous_dim=2, code=3, sweep=0)

    assert (categorical == 3).all()
    assert noise_index.tolist() == list(range(25))
    assert swept_index.tolist() == [0] * 10 + [1] * 10 + [2] * 5


@pytest.mark.parametrize("arguments, message", [
    pytest.param(dict(code=10), r"code must be in \[0, 10\), got 10", id="code"),
    pytest.param(dict(sweep=2), r"sweep must be a continuous code in \[0, 2\), got 2", id="sweep"),
])
def test_a_code_or_sweep_the_model_does_not_have_is_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        code_grid(10, categorical_dim=10, continuous_dim=2, **arguments)
