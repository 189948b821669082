"""ImageToImageModel: the pair discriminator it shares, the variables each optimizer moves, the
losses it adds up, and a tiny restoration it learns."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import Checkpointer, GANDataset
from gan_tdd.image_to_image.damage import add_noise, remove_lower_half
from gan_tdd.image_to_image.model import ImageToImageModel

v1 = tf.compat.v1
IMAGE_SHAPE = (8, 8, 1)


def tiny(**settings):
    """A restoration GAN for 8x8 grey images with 4- and 8-channel networks."""
    return ImageToImageModel(IMAGE_SHAPE, generator_width=8, discriminator_width=4, seed=0, **settings)


@pytest.fixture(scope="module")
def model():
    """The tiny model with its defaults: non-saturating loss, adversarial weight 0.01, dropout 0.5.
    Built once for the module, its graph finalized so that no test can change it; each test opens
    a session of its own, with fresh variables."""
    model = tiny()
    model.graph.finalize()
    return model


@pytest.fixture
def session(model):
    """A session on the tiny model's graph with every variable initialized."""
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        yield session


@pytest.fixture
def originals():
    """Three random 8x8 grey images in [-1, 1]."""
    return np.random.default_rng(0).uniform(-1, 1, (3, *IMAGE_SHAPE)).astype(np.float32)


@pytest.fixture
def feed(model, originals):
    """The originals with their lower half removed, paired with the originals."""
    return {model.damaged_images: remove_lower_half(originals), model.real_images: originals}


def values_of(session, variables):
    return [value.copy() for value in session.run(variables)]


def moved(session, variables, before):
    return [not np.array_equal(old, new) for old, new in zip(before, session.run(variables))]


def test_restore_gives_one_image_of_the_same_shape_in_range_per_damaged_image(model, session, originals):
    """Damaged 8x8 images in, restored 8x8 images in [-1, 1] out, and the same ones each time."""
    damaged = remove_lower_half(originals)

    restored = model.restore(session, damaged)

    assert restored.shape == damaged.shape and restored.min() >= -1 and restored.max() <= 1
    np.testing.assert_array_equal(restored, model.restore(session, damaged))


def test_the_discriminator_judges_real_and_fake_pairs_with_one_set_of_variables(model, session, originals, feed):
    """Both pairs share weights: (damaged, original) gives the same logits through either path."""
    variables = [v.name for v in model.graph.get_collection("trainable_variables")
                 if v.name.startswith("discriminator/")]

    real_path = session.run(model.d_real_logits, feed)
    fake_path = session.run(model.d_fake_logits, {**feed, model.generated_images: originals})

    assert variables == [v.name for v in model.discriminator_variables]
    assert len(variables) == 6  # two convolutions and a dense layer: kernel and bias each
    np.testing.assert_allclose(real_path, fake_path, rtol=1e-6)


def test_the_discriminator_sees_the_pair_stacked_on_the_channel_axis(model):
    """Its first kernel reads two channels: the damaged image's and the judged image's."""
    (kernel,) = [v for v in model.discriminator_variables if v.name == "discriminator/downsample_1/kernel:0"]

    assert kernel.shape.as_list() == [5, 5, 2, 4]


def test_the_fake_path_creates_no_variables_of_its_own(model):
    """Every variable is one of the generator's or the real path's; none belongs to both."""
    generator = {v.name for v in model.generator_variables}
    discriminator = {v.name for v in model.discriminator_variables}
    trainable = {v.name for v in model.graph.get_collection("trainable_variables")}

    assert generator and discriminator and not generator & discriminator
    assert generator | discriminator == trainable


def test_a_discriminator_update_moves_only_the_discriminator(model, session, feed):
    """d_train_op leaves every generator variable as it was."""
    generator_before = values_of(session, model.generator_variables)
    discriminator_before = values_of(session, model.discriminator_variables)

    session.run(model.d_train_op, feed)

    assert not any(moved(session, model.generator_variables, generator_before))
    assert all(moved(session, model.discriminator_variables, discriminator_before))


def test_a_generator_update_moves_only_the_generator(model, session, feed):
    """g_train_op leaves every discriminator variable as it was."""
    generator_before = values_of(session, model.generator_variables)
    discriminator_before = values_of(session, model.discriminator_variables)

    session.run(model.g_train_op, feed)

    assert not any(moved(session, model.discriminator_variables, discriminator_before))
    assert all(moved(session, model.generator_variables, generator_before))


def test_train_steps_count_one_update_of_each_network_in_the_step_counters(model, session, originals):
    """Two train steps: d_step 2 and g_step 2."""
    for _ in range(2):
        model.train_step(session, remove_lower_half(originals), originals)

    assert session.run([model.d_step, model.g_step]) == [2, 2]


def run_fresh(model, tensors, originals, extra_feed=None):
    """Run `tensors` of a freshly initialized `model` on the pairs (lower half removed, original)."""
    feed = {model.damaged_images: remove_lower_half(originals), model.real_images: originals}
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        return session.run(tensors, {**feed, **(extra_feed or {})})


def test_g_loss_is_the_mean_l1_plus_0_01_times_the_adversarial_loss_by_default(originals):
    """pixel_loss = mean |G(damaged) - original|, and g_loss = pixel_loss + 0.01 * adversarial_loss."""
    model = tiny(dropout_rate=0.0)

    generated, pixel, adversarial, weight, g_loss = run_fresh(model, [
        model.generated_images, model.pixel_loss, model.adversarial_loss, model.adversarial_weight,
        model.g_loss], originals)

    assert weight == pytest.approx(0.01)
    assert pixel == pytest.approx(np.mean(np.abs(generated - originals)), abs=1e-6)
    assert g_loss == pytest.approx(pixel + 0.01 * adversarial, abs=1e-6)


def test_with_adversarial_weight_0_g_loss_is_the_pixel_loss_whatever_the_discriminator_says(originals):
    """The baseline: fed NaN for D's logits on the fake pairs, g_loss is still exactly pixel_loss."""
    model = tiny(adversarial_weight=0)

    pixel, g_loss = run_fresh(model, [model.pixel_loss, model.g_loss], originals,
                              {model.d_fake_logits: np.full((3, 1), np.nan, np.float32)})

    assert g_loss == pixel


def test_with_a_gradient_ratio_the_pixel_gradient_on_the_generators_variables_is_that_many_times_the_adversarial(
        originals):
    """gradient_ratio=2, as TF-GAN's combine_adversarial_loss reads it: over the generator's variables,
    ||d pixel|| = 2 ||d (weight * adversarial)||."""
    model = tiny(gradient_ratio=2.0, dropout_rate=0.0)
    with model.graph.as_default():
        pixel_norm = tf.linalg.global_norm(tf.gradients(model.pixel_loss, model.generator_variables))
        adversarial_norm = tf.linalg.global_norm(tf.gradients(
            model.adversarial_weight * model.adversarial_loss, model.generator_variables))

    pixel_norm, adversarial_norm = run_fresh(model, [pixel_norm, adversarial_norm], originals)

    assert pixel_norm / adversarial_norm == pytest.approx(2.0, rel=1e-4)


def stripes(count, seed):
    """8x8 images of random black and white columns: the lower half is the upper half, repeated."""
    columns = np.random.default_rng(seed).choice([-1.0, 1.0], (count, 1, 8, 1))
    return np.repeat(columns, 8, axis=1).astype(np.float32)


@pytest.mark.slow(reason="trains for 96 steps")
@pytest.mark.parametrize("settings", [
    pytest.param({}, id="gan_with_weight_0.01"),
    pytest.param({"adversarial_weight": 0}, id="pixel_loss_alone"),
    pytest.param({"gradient_ratio": 10.0}, id="gan_with_pixel_gradient_10_times_the_adversarial"),
])
def test_96_steps_restore_the_lower_half_of_stripes_far_better_than_the_damaged_input(settings):
    """The L1 to the originals falls from 0.5 (a black lower half) to below 0.2 on unseen stripes."""
    model = tiny(g_learning_rate=2e-3, d_learning_rate=2e-3, **settings)
    originals, unseen = stripes(256, seed=0), stripes(32, seed=1)
    damaged = remove_lower_half(unseen)
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        history = model.fit(session, GANDataset(originals, noise_dim=1, batch_size=16, seed=0),
                            remove_lower_half, epochs=6)
        restored = model.restore(session, damaged)

    assert len(history["g_loss"]) == 96
    assert np.mean(np.abs(damaged - unseen)) == pytest.approx(0.5, abs=0.02)
    assert np.mean(np.abs(restored - unseen)) < 0.2


def test_fit_damages_each_batch_with_a_fresh_draw_of_a_seeded_stream(model, session, originals):
    """A damage with a Generator for its seed gives each step new noise, so no two steps see the same pairs."""
    seen = []
    stream = np.random.default_rng(0)

    def damage(images):
        seen.append(add_noise(images, seed=stream))
        return seen[-1]

    model.fit(session, GANDataset(np.repeat(originals[:1], 4, axis=0), noise_dim=1, batch_size=2), damage)

    assert len(seen) == 2 and not np.array_equal(seen[0], seen[1])


@pytest.mark.parametrize("settings, message", [
    pytest.param({"adversarial_weight": 0.1, "gradient_ratio": 1.0}, "not both", id="both_weights"),
    pytest.param({"adversarial_weight": -1}, "adversarial_weight must be a number >= 0", id="negative_weight"),
    pytest.param({"gradient_ratio": 0}, "gradient_ratio must be a number > 0", id="zero_ratio"),
    pytest.param({"loss": "wasserstein-gp"}, "takes the losses minimax, non-saturating, least-squares, hinge",
                 id="unsupported_loss"),
    pytest.param({"dropout_rate": 1.0}, r"dropout_rate must be a number in \[0, 1\)", id="dropout_1"),
])
def test_bad_settings_fail_before_any_graph_is_built_and_name_the_argument(settings, message):
    """Each check runs before the graph: one line that says which argument and what it must be."""
    with pytest.raises(ValueError, match=message):
        tiny(**settings)


def test_restore_and_fit_name_images_that_do_not_fit_the_model(model, session):
    """16x16 images to an 8x8 model: one clear message each, not a TensorFlow shape error."""
    images = np.zeros((2, 16, 16, 1), np.float32)

    with pytest.raises(ValueError, match=r"damaged images of shape \(16, 16, 1\) do not fit"):
        model.restore(session, images)
    with pytest.raises(ValueError, match=r"dataset images of shape \(16, 16, 1\) do not fit"):
        model.fit(session, GANDataset(images, noise_dim=1, batch_size=2), remove_lower_half)


def test_a_checkpointer_saves_a_trained_model_and_a_fresh_session_restores_the_same_images(originals, tmp_path):
    """gan_tdd.Checkpointer works unchanged: it needs only the model's graph and g_step."""
    model = tiny()  # of its own: the Checkpointer adds a Saver to its graph
    checkpointer = Checkpointer(model, tmp_path)
    damaged = remove_lower_half(originals)
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.train_step(session, damaged, originals)
        path = checkpointer.save(session)
        trained = model.restore(session, damaged)
    with v1.Session(graph=model.graph) as session:
        checkpointer.restore(session)
        again = model.restore(session, damaged)

    assert path.endswith("model-1")
    np.testing.assert_array_equal(again, trained)
