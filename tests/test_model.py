"""GANModel: the graph it builds, the variables it shares, the variables each optimizer moves."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import GANDataset, GANModel

v1 = tf.compat.v1


def values_of(session, variables):
    return [value.copy() for value in session.run(variables)]


def moved(session, variables, before):
    """For each variable, whether its value differs from `before`."""
    return [not np.array_equal(old, new) for old, new in zip(before, session.run(variables))]


@pytest.fixture
def tiny_model(tiny_dcgan_model):
    """GANModel with its own networks, the DCGAN pair at 4 channels: this module checks what they
    bring too (batch norm's moving statistics, sampling in inference mode, shared convolutions)."""
    return tiny_dcgan_model


def test_one_noise_vector_in_gives_one_28x28x1_image_out():
    """The default model makes MNIST-sized images from 100-d noise."""
    model = GANModel()

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        images = model.generate(session, np.zeros((1, 100), np.float32))

    assert model.noise.shape.as_list() == [None, 100]
    assert images.shape == (1, 28, 28, 1)


def test_model_builds_in_its_own_graph_and_leaves_the_default_graph_empty(tiny_model):
    """A model owns `model.graph`; nothing is added to the global default graph."""
    assert tiny_model.generated_images.graph is tiny_model.graph
    assert v1.get_default_graph().get_operations() == []


def test_discriminator_gives_one_logit_per_real_image(tiny_model, session, tiny_images):
    """Feeding a batch of real images gives one logit per image."""
    logits = session.run(tiny_model.d_real_logits, {tiny_model.real_images: tiny_images[:5]})

    assert logits.shape == (5, 1)


def test_discriminator_gives_one_logit_per_noise_vector_on_the_fake_path(tiny_model, session, noise):
    """The discriminator applied to generated images gives one logit per noise vector."""
    logits = session.run(tiny_model.d_fake_logits, {tiny_model.noise: noise})

    assert logits.shape == (3, 1)


def test_discriminator_shares_variables_between_real_and_fake_inputs(tiny_model, session, tiny_images):
    """Both paths use one set of weights: the same images give the same logit through either path."""
    graph_variables = [v.name for v in tiny_model.graph.get_collection("trainable_variables")
                       if v.name.startswith("discriminator/")]
    images = tiny_images[:3]

    real_path = session.run(tiny_model.d_real_logits, {tiny_model.real_images: images})
    # Feed the generator's output tensor directly: the fake path then judges the very same images.
    fake_path = session.run(tiny_model.d_fake_logits, {tiny_model.generated_images: images})

    assert graph_variables == [v.name for v in tiny_model.discriminator_variables]
    assert len(graph_variables) == 6  # two convolutions and a dense layer: kernel and bias each
    np.testing.assert_allclose(real_path, fake_path, rtol=1e-6)


def test_each_network_owns_its_variables_and_no_variable_belongs_to_both(tiny_model):
    """The generator's and the discriminator's variable lists are disjoint and cover all trainables."""
    generator = {v.name for v in tiny_model.generator_variables}
    discriminator = {v.name for v in tiny_model.discriminator_variables}
    trainable = {v.name for v in tiny_model.graph.get_collection("trainable_variables")}

    assert generator and discriminator
    assert not generator & discriminator
    assert generator | discriminator == trainable


def test_a_discriminator_update_leaves_every_generator_variable_unchanged(tiny_model, session, tiny_images, noise):
    """d_train_op moves D's weights and only D's."""
    feed = {tiny_model.real_images: tiny_images[:3], tiny_model.noise: noise}
    generator_before = values_of(session, tiny_model.generator_variables)
    discriminator_before = values_of(session, tiny_model.discriminator_variables)

    session.run(tiny_model.d_train_op, feed)

    assert not any(moved(session, tiny_model.generator_variables, generator_before))
    assert any(moved(session, tiny_model.discriminator_variables, discriminator_before))


def test_a_generator_update_leaves_every_discriminator_variable_unchanged(tiny_model, session, noise):
    """g_train_op moves G's weights and only G's."""
    feed = {tiny_model.noise: noise}
    generator_before = values_of(session, tiny_model.generator_variables)
    discriminator_before = values_of(session, tiny_model.discriminator_variables)

    session.run(tiny_model.g_train_op, feed)

    assert not any(moved(session, tiny_model.discriminator_variables, discriminator_before))
    assert any(moved(session, tiny_model.generator_variables, generator_before))


def test_train_ops_count_their_updates_in_step_counters(tiny_model, session, tiny_images, noise):
    """Two discriminator updates and one generator update give d_step 2 and g_step 1."""
    feed = {tiny_model.real_images: tiny_images[:3], tiny_model.noise: noise}

    session.run(tiny_model.d_train_op, feed)
    session.run(tiny_model.d_train_op, feed)
    session.run(tiny_model.g_train_op, feed)

    assert session.run([tiny_model.d_step, tiny_model.g_step]) == [2, 1]


def test_a_generator_update_moves_batch_norm_moving_statistics(tiny_model, session, noise):
    """Batch norm's moving means are updated with the generator's step, so sampling can use them."""
    moving = [v for v in tiny_model.graph.get_collection("variables") if "moving_mean" in v.name]
    before = values_of(session, moving)

    session.run(tiny_model.g_train_op, {tiny_model.noise: noise})

    assert all(moved(session, moving, before))


def test_a_discriminator_update_leaves_batch_norms_moving_statistics_alone(tiny_model, session, tiny_images, noise):
    """They move with the generator's update only: D's update runs G in training mode too, on its
    fake batch, but never moves them."""
    moving = [v for v in tiny_model.graph.get_collection("variables") if "moving_" in v.name]
    before = values_of(session, moving)

    session.run(tiny_model.d_train_op, {tiny_model.real_images: tiny_images[:3], tiny_model.noise: noise})

    assert moving and not any(moved(session, moving, before))


def test_generate_uses_inference_mode_so_a_sample_does_not_depend_on_its_batch(tiny_model, session, noise):
    """The same noise vector gives the same image whether it is sampled alone or with others."""
    together = tiny_model.generate(session, noise)
    alone = tiny_model.generate(session, noise[:1])

    np.testing.assert_allclose(together[:1], alone, atol=1e-6)
    assert together.min() >= -1 and together.max() <= 1


def test_probabilities_are_the_mean_sigmoid_of_the_logits(tiny_model, session, tiny_images, noise):
    """p_real = mean sigmoid(D(x)) and p_fake = mean sigmoid(D(G(z)))."""
    feed = {tiny_model.real_images: tiny_images[:3], tiny_model.noise: noise}

    real_logits, fake_logits, p_real, p_fake = session.run(
        [tiny_model.d_real_logits, tiny_model.d_fake_logits, tiny_model.p_real, tiny_model.p_fake], feed)

    assert p_real == pytest.approx(np.mean(1 / (1 + np.exp(-real_logits))), abs=1e-6)
    assert p_fake == pytest.approx(np.mean(1 / (1 + np.exp(-fake_logits))), abs=1e-6)


def test_the_same_seed_gives_the_same_initial_weights(tiny_arguments):
    """Two models built with seed 3 start from identical generator weights (conftest.py's
    one-layer networks: the seed reaches whatever variables the networks make)."""
    first, second = (GANModel(**{**tiny_arguments, "seed": 3}) for _ in range(2))

    with v1.Session(graph=first.graph) as a, v1.Session(graph=second.graph) as b:
        first.initialize(a)
        second.initialize(b)
        for left, right in zip(a.run(first.generator_variables), b.run(second.generator_variables)):
            np.testing.assert_array_equal(left, right)


def averaged_and_raw_samples(tiny_arguments, average_decay, noise, tiny_images):
    """Samples of a tiny model with `average_decay` and of its raw generator, after one update of
    each network (conftest.py's one-layer networks: the average is of whatever variables G has)."""
    model = GANModel(**tiny_arguments, average_decay=average_decay)
    with model.graph.as_default(), v1.variable_scope("generator", reuse=True):
        raw_images = model.generator_fn(model.noise, model.image_shape, training=False)
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        feed = {model.real_images: tiny_images[:3], model.noise: noise}
        session.run(model.d_train_op, feed)
        session.run(model.g_train_op, feed)
        return model.generate(session, noise), session.run(raw_images, {model.noise: noise})


def test_with_average_decay_0_the_sampler_follows_the_generator_exactly(tiny_arguments, noise, tiny_images):
    """An average that keeps nothing of the past is the generator itself: the samples are the same."""
    averaged, raw = averaged_and_raw_samples(tiny_arguments, 0.0, noise, tiny_images)

    np.testing.assert_allclose(averaged, raw, atol=1e-6)


def test_with_average_decay_the_sampler_lags_behind_the_generator(tiny_arguments, noise, tiny_images):
    """With decay 0.9 the samples come from weights that moved a tenth of the way: not the generator's."""
    averaged, raw = averaged_and_raw_samples(tiny_arguments, 0.9, noise, tiny_images)

    assert not np.allclose(averaged, raw, atol=1e-4)


def test_the_average_follows_every_generator_variable_moving_statistics_included(tiny_images, noise):
    """After one generator update each average is 0.9 * its start + 0.1 * the variable's new value."""
    model = GANModel(noise_dim=4, image_shape=(8, 8, 1), generator_width=4, discriminator_width=4,
                     seed=0, average_decay=0.9)
    with model.graph.as_default():
        variables = [v for v in v1.global_variables("generator/") if model.generator_average.average(v) is not None]
    averages = [model.generator_average.average(variable) for variable in variables]
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        before = values_of(session, variables)
        session.run(model.g_train_op, {model.noise: noise})
        after, averaged = session.run(variables), session.run(averages)

    assert len(variables) == len(model.generator_variables) + 4  # and two batch norms' mean and variance
    for start, value, average in zip(before, after, averaged):
        np.testing.assert_allclose(average, 0.9 * start + 0.1 * value, rtol=1e-5, atol=1e-7)


@pytest.fixture
def decaying_model(tiny_model_with):
    """A tiny model whose learning rates decay over 4 steps."""
    return tiny_model_with(decay_steps=4)


@pytest.mark.parametrize("g_step, factor", [pytest.param(0, 1.0, id="at_the_start"),
                                            pytest.param(3, 0.25, id="three_quarters_of_the_way"),
                                            pytest.param(4, 0.0, id="at_the_end"),
                                            pytest.param(9, 0.0, id="after_the_end")])
def test_with_decay_steps_the_learning_rates_fall_linearly_to_zero(decaying_model, g_step, factor):
    """With decay_steps 4 the learning rates are used at 1 - g_step / 4 of their value, then 0."""
    model = decaying_model
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.g_step.load(g_step, session)
        assert session.run(model.learning_rate_factor) == pytest.approx(factor)


def test_without_decay_steps_the_learning_rates_stay_constant(tiny_model, session):
    """The default keeps the factor at 1."""
    assert session.run(tiny_model.learning_rate_factor) == 1.0


@pytest.mark.parametrize("arguments, message", [
    pytest.param({"noise_dim": 0}, "noise_dim must be an integer >= 1", id="noise_dim_below_one"),
    pytest.param({"image_shape": (28, 28)}, "image_shape must be (height, width, channels)",
                 id="image_shape_of_rank_two"),
    pytest.param({"image_shape": (30, 30, 1)}, "divisible by 4", id="image_side_not_divisible_by_4"),
    pytest.param({"d_learning_rate": 0}, "d_learning_rate must be a number > 0", id="zero_learning_rate"),
    pytest.param({"g_learning_rate": -1e-3}, "g_learning_rate must be a number > 0",
                 id="negative_learning_rate"),
    pytest.param({"d_learning_rate": float("inf")}, "d_learning_rate must be a number > 0, got inf",
                 id="infinite_learning_rate"),
    pytest.param({"beta1": 1.0}, "beta1 must be a number in [0, 1)", id="beta1_of_one"),
    pytest.param({"average_decay": 1.0}, "average_decay must be a number in [0, 1)",
                 id="average_decay_of_one"),
    pytest.param({"decay_steps": 0}, "decay_steps must be an integer >= 1", id="zero_decay_steps"),
    pytest.param({"generator_width": 2.5}, "generator_width must be an integer", id="fractional_width"),
    pytest.param({"beta2": 1.0}, "beta2 must be a number in [0, 1)", id="beta2_of_one"),
    pytest.param({"loss": "wgan"}, "unknown loss 'wgan'; choose one of: minimax, non-saturating, ",
                 id="unknown_loss"),
    pytest.param({"networks": "resnet"}, "unknown networks 'resnet'; choose one of: dcgan, mlp, points",
                 id="unknown_networks"),
    pytest.param({"image_shape": (2,)}, "networks 'dcgan' draw images; points of shape (2,) take networks='points'",
                 id="points_with_image_networks"),
    pytest.param({"networks": "points"}, "networks 'points' draw points of shape (dimensions,); images of "
                 "shape (28, 28, 1) take networks 'dcgan', 'mlp'", id="images_with_point_networks"),
    pytest.param({"image_shape": (0,), "networks": "points"}, "image_shape of points must be (dimensions,) with "
                 "dimensions >= 1", id="points_of_no_dimension"),
    pytest.param({"label_smoothing": 1.0}, "label_smoothing must be a number in [0, 1)",
                 id="label_smoothing_of_one"),
    pytest.param({"loss": "hinge", "label_smoothing": 0.1},
                 "label_smoothing applies to the cross-entropy losses (minimax, non-saturating), not to 'hinge'",
                 id="label_smoothing_of_a_critic"),
    pytest.param({"clip_value": 0}, "clip_value must be a number > 0", id="zero_clip_value"),
    pytest.param({"gradient_penalty_weight": -1}, "gradient_penalty_weight must be a number > 0",
                 id="negative_penalty_weight"),
])
def test_bad_arguments_raise_an_error_that_names_the_argument(arguments, message):
    """A wrong argument is refused before any graph is built, with a message that names it."""
    with pytest.raises(ValueError) as error:
        GANModel(**arguments)

    assert message in str(error.value)


def test_a_gan_on_colour_images_builds_and_trains_on_them():
    """32x32 RGB: the generator draws three channels, and a step of each update runs on them."""
    images = np.random.default_rng(0).uniform(-1, 1, (8, 32, 32, 3)).astype(np.float32)
    model = GANModel(noise_dim=4, image_shape=(32, 32, 3), generator_width=4, discriminator_width=4, seed=0)
    dataset = GANDataset(images, noise_dim=4, batch_size=4, seed=0)

    with tf.compat.v1.Session(graph=model.graph) as session:
        model.initialize(session)
        history = model.fit(session, dataset, epochs=1)
        drawn = model.generate(session, dataset.next_noise())

    assert drawn.shape == (4, 32, 32, 3)
    assert len(history["g_loss"]) == 2 and all(np.isfinite(history["g_loss"]))


def test_summary_ops_join_the_graph_only_when_built_and_only_once(tiny_arguments):
    """A fresh model holds no summary op; build_summaries adds them once, and the properties
    hand out the same tensors."""
    model = GANModel(**tiny_arguments)
    summary_ops = lambda: [op for op in model.graph.get_operations() if op.name.startswith("summaries/")]  # noqa: E731

    assert summary_ops() == []
    built = model.build_summaries()
    count = len(summary_ops())
    assert model.build_summaries() == built == (model.scalar_summary, model.image_summary)
    assert count > 0 and len(summary_ops()) == count


def test_a_gan_on_points_in_the_plane_builds_and_trains_on_them():
    """image_shape (2,) with the points pair: one model and one loop serve points as images;
    the points lie beyond [-1, 1], where no tanh could reach, and the graph holds no image summary."""
    points = np.random.default_rng(0).normal(3.0, 0.1, (8, 2)).astype(np.float32)
    model = GANModel(noise_dim=2, image_shape=(2,), networks="points", generator_width=8,
                     discriminator_width=8, seed=0)
    dataset = GANDataset(points, noise_dim=2, batch_size=4, seed=0)

    with tf.compat.v1.Session(graph=model.graph) as session:
        model.initialize(session)
        history = model.fit(session, dataset, epochs=1)
        drawn = model.generate(session, dataset.next_noise())

    assert drawn.shape == (4, 2) and model.image_summary is None
    assert len(history["g_loss"]) == 2 and all(np.isfinite(history["g_loss"]))
