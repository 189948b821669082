"""The loss family, pinned against the same formulas computed in numpy."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.losses import (LOSSES, cross_entropy_discriminator_loss, get_loss, gradient_penalty,
                            minimax_generator_loss, non_saturating_generator_loss,
                            wasserstein_discriminator_loss)

v1 = tf.compat.v1

REAL_LOGITS = np.array([[2.0], [-0.5], [0.3]], np.float32)
FAKE_LOGITS = np.array([[-1.5], [0.7], [0.0]], np.float32)


def sigmoid(x):
    return 1 / (1 + np.exp(-np.float64(x)))


def relu(x):
    return np.maximum(x, 0.0)


def evaluate(tensors):
    """Run tensors built in the test's graph, after initializing its variables."""
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        return session.run(tensors)


@pytest.fixture(autouse=True)
def fresh_graph():
    """Each loss test builds in a graph of its own, in graph mode."""
    with tf.Graph().as_default():
        yield


# Each loss as the table in gan_tdd/losses.py writes it, in plain numpy:
# the generator loss of the fake outputs f, and the discriminator's real and fake terms.
FORMULAS = [
    pytest.param("minimax", lambda f: np.mean(np.log(1 - sigmoid(f))),
                 lambda r: -np.mean(np.log(sigmoid(r))), lambda f: -np.mean(np.log(1 - sigmoid(f))),
                 id="minimax"),
    pytest.param("non-saturating", lambda f: -np.mean(np.log(sigmoid(f))),
                 lambda r: -np.mean(np.log(sigmoid(r))), lambda f: -np.mean(np.log(1 - sigmoid(f))),
                 id="non_saturating"),
    pytest.param("least-squares", lambda f: 0.5 * np.mean((f - 1) ** 2),
                 lambda r: 0.5 * np.mean((r - 1) ** 2), lambda f: 0.5 * np.mean(f ** 2),
                 id="least_squares"),
    pytest.param("wasserstein", lambda f: -np.mean(f), lambda r: -np.mean(r), lambda f: np.mean(f),
                 id="wasserstein"),
    pytest.param("hinge", lambda f: -np.mean(f),
                 lambda r: np.mean(relu(1 - r)), lambda f: np.mean(relu(1 + f)), id="hinge"),
]


@pytest.mark.parametrize("name, generator_formula, real_formula, fake_formula", FORMULAS)
def test_each_loss_matches_its_formula_computed_in_numpy(name, generator_formula, real_formula,
                                                         fake_formula):
    """g_loss, and d_loss with its real and fake terms, equal the paper's formulas to 5 decimals."""
    loss = get_loss(name)
    real, fake = tf.constant(REAL_LOGITS), tf.constant(FAKE_LOGITS)

    g_loss, parts = evaluate([loss.generator_loss(fake), loss.discriminator_loss(real, fake)])

    assert g_loss == pytest.approx(generator_formula(FAKE_LOGITS), abs=1e-5)
    assert parts["d_real_loss"] == pytest.approx(real_formula(REAL_LOGITS), abs=1e-5)
    assert parts["d_fake_loss"] == pytest.approx(fake_formula(FAKE_LOGITS), abs=1e-5)
    assert parts["d_loss"] == pytest.approx(parts["d_real_loss"] + parts["d_fake_loss"], abs=1e-5)


@pytest.mark.parametrize("logit, expected", [
    pytest.param(0.0, 2 * np.log(2), id="undecided_discriminator_pays_2_log_2"),
    pytest.param(30.0, 30.0, id="confidently_wrong_costs_the_logit"),
])
def test_cross_entropy_loss_when_real_and_fake_get_the_same_logit(logit, expected):
    """At the GAN equilibrium D outputs 1/2 everywhere and d_loss is 2 log 2 ~ 1.386."""
    logits = tf.constant([[logit]])

    d_loss = evaluate(cross_entropy_discriminator_loss(logits, logits)["d_loss"])

    assert d_loss == pytest.approx(expected, abs=1e-4)


def test_one_sided_label_smoothing_makes_the_real_label_0_9_and_leaves_fake_at_0():
    """With label_smoothing 0.1: d_real_loss = -mean(0.9 log D(x) + 0.1 log(1 - D(x)))."""
    expected_real = -np.mean(0.9 * np.log(sigmoid(REAL_LOGITS)) + 0.1 * np.log(1 - sigmoid(REAL_LOGITS)))
    expected_fake = -np.mean(np.log(1 - sigmoid(FAKE_LOGITS)))

    parts = evaluate(cross_entropy_discriminator_loss(tf.constant(REAL_LOGITS), tf.constant(FAKE_LOGITS),
                                                      label_smoothing=0.1))

    assert parts["d_real_loss"] == pytest.approx(expected_real, abs=1e-5)
    assert parts["d_fake_loss"] == pytest.approx(expected_fake, abs=1e-5)


# Each cross-entropy loss at logits of +1000 and -1000, with what it must cost there.
HUGE_LOGITS = [
    pytest.param(minimax_generator_loss, 1000.0, -1000.0, id="minimax-at-plus_1000"),
    pytest.param(minimax_generator_loss, -1000.0, 0.0, id="minimax-at-minus_1000"),
    pytest.param(non_saturating_generator_loss, 1000.0, 0.0, id="non_saturating-at-plus_1000"),
    pytest.param(non_saturating_generator_loss, -1000.0, 1000.0, id="non_saturating-at-minus_1000"),
    pytest.param(lambda logits: cross_entropy_discriminator_loss(logits, logits)["d_loss"], 1000.0, 1000.0,
                 id="cross_entropy_discriminator-at-plus_1000"),
    pytest.param(lambda logits: cross_entropy_discriminator_loss(logits, logits)["d_loss"], -1000.0, 1000.0,
                 id="cross_entropy_discriminator-at-minus_1000"),
    pytest.param(lambda logits: cross_entropy_discriminator_loss(logits, logits, label_smoothing=0.1)["d_loss"],
                 1000.0, 1100.0, id="label_smoothing-at-plus_1000"),
    pytest.param(lambda logits: cross_entropy_discriminator_loss(logits, logits, label_smoothing=0.1)["d_loss"],
                 -1000.0, 900.0, id="label_smoothing-at-minus_1000"),
]


@pytest.mark.parametrize("loss, logit, expected", HUGE_LOGITS)
def test_cross_entropy_losses_and_their_gradients_stay_finite_at_huge_logits(loss, logit, expected):
    """In float32, sigmoid(1000) is exactly 1, so log(1 - D) would be -inf: the losses never take
    that log, and a confidently wrong logit simply costs its size."""
    logits = tf.constant([[logit]])

    value, gradient = evaluate([loss(logits), tf.gradients(loss(logits), logits)[0]])

    assert value == pytest.approx(expected, abs=1e-3)
    assert np.all(np.isfinite(gradient))


def test_the_minimax_generator_loss_saturates_where_the_non_saturating_one_does_not():
    """When D rejects a sample (logit -10), log(1 - D) is flat: minimax gives G almost no gradient."""
    rejected = tf.constant([[-10.0]])

    minimax, non_saturating = evaluate([tf.gradients(minimax_generator_loss(rejected), rejected)[0],
                                        tf.gradients(non_saturating_generator_loss(rejected), rejected)[0]])

    assert abs(minimax.item()) < 1e-4
    assert non_saturating.item() == pytest.approx(-1.0, abs=1e-4)


def test_critic_gap_is_the_mean_real_score_minus_the_mean_fake_score():
    """The Wasserstein critic's estimate of the distance: mean D(x) - mean D(G(z)) = -d_loss."""
    parts = evaluate(wasserstein_discriminator_loss(tf.constant(REAL_LOGITS), tf.constant(FAKE_LOGITS)))

    assert parts["critic_gap"] == pytest.approx(np.mean(REAL_LOGITS) - np.mean(FAKE_LOGITS), abs=1e-5)
    assert parts["d_loss"] == pytest.approx(-parts["critic_gap"], abs=1e-5)


def test_wasserstein_gp_adds_lambda_times_the_penalty_to_the_critic_loss():
    """d_loss = mean D(G(z)) - mean D(x) + 10 * penalty; the part named gradient_penalty is unweighted."""
    real, fake = tf.constant(REAL_LOGITS), tf.constant(FAKE_LOGITS)

    parts = evaluate(wasserstein_discriminator_loss(real, fake, gradient_penalty=tf.constant(0.25),
                                                    gradient_penalty_weight=10.0))

    assert parts["gradient_penalty"] == pytest.approx(0.25)
    assert parts["d_loss"] == pytest.approx(np.mean(FAKE_LOGITS) - np.mean(REAL_LOGITS) + 2.5, abs=1e-5)


def linear_critic(weights):
    """D(x) = sum(w * x) over each example: its gradient with respect to x is w, everywhere."""
    def critic(images):
        return tf.reduce_sum(weights * images, axis=[1, 2, 3])[:, None]
    return critic


def random_images(shape, seed):
    return tf.constant(np.random.default_rng(seed).uniform(-1, 1, shape), tf.float32)


def test_gradient_penalty_of_a_linear_critic_is_its_slope_minus_one_squared():
    """||grad D|| = ||w|| = 3 wherever D looks, so the penalty is (3 - 1)^2 = 4."""
    weights = tf.constant([[[2.0], [1.0]], [[2.0], [0.0]]])  # ||w|| = sqrt(4 + 1 + 4) = 3

    penalty = evaluate(gradient_penalty(linear_critic(weights), random_images((5, 2, 2, 1), 0),
                                        random_images((5, 2, 2, 1), 1)))

    assert penalty == pytest.approx(4.0, abs=1e-5)


def test_gradient_penalty_takes_the_norm_over_all_pixels_and_channels_of_each_example():
    """w of ones over 2x2 pixels and 2 channels: ||w|| = sqrt(8), not 2 per channel nor 4 per batch."""
    weights = tf.ones([2, 2, 2])

    penalty = evaluate(gradient_penalty(linear_critic(weights), random_images((4, 2, 2, 2), 0),
                                        random_images((4, 2, 2, 2), 1)))

    assert penalty == pytest.approx((np.sqrt(8) - 1) ** 2, abs=1e-5)


def test_gradient_penalty_looks_between_real_and_fake_with_one_coefficient_per_example():
    """Each x_hat = x + alpha (G(z) - x): alpha in [0, 1], the same over an example's pixels,
    drawn afresh for each example."""
    real, fake = random_images((6, 2, 2, 3), 0), random_images((6, 2, 2, 3), 1)
    looked_at = []

    def critic(images):
        looked_at.append(images)
        return linear_critic(tf.ones([2, 2, 3]))(images)

    gradient_penalty(critic, real, fake)
    real_values, fake_values, interpolates = evaluate([real, fake, looked_at[0]])

    alphas = ((interpolates - real_values) / (fake_values - real_values)).reshape(6, -1)
    np.testing.assert_allclose(alphas, alphas[:, :1].repeat(12, axis=1), atol=1e-4)
    assert np.all((alphas >= 0) & (alphas <= 1))
    assert len(np.unique(alphas[:, 0].round(4))) == 6


def test_gradient_penalty_has_a_finite_gradient_where_the_critics_gradient_is_zero():
    """The epsilon inside sqrt: a critic with w = 0 has penalty 1 and a gradient, not NaN."""
    weights = v1.get_variable("w", [2, 2, 1], initializer=v1.zeros_initializer())
    penalty = gradient_penalty(linear_critic(weights), random_images((3, 2, 2, 1), 0),
                               random_images((3, 2, 2, 1), 1))

    value, gradient = evaluate([penalty, tf.gradients(penalty, weights)[0]])

    assert value == pytest.approx(1.0, abs=1e-4)
    assert np.all(np.isfinite(gradient))


def test_gradient_penalty_in_a_reusing_scope_measures_the_critic_it_shares_variables_with():
    """Built in variable_scope(reuse=True), the penalty calls the critic again and adds no variable."""
    def critic(images):
        return linear_critic(v1.get_variable("w", [2, 2, 1], initializer=v1.ones_initializer()))(images)

    real, fake = random_images((3, 2, 2, 1), 0), random_images((3, 2, 2, 1), 1)
    with v1.variable_scope("critic"):
        critic(real)
    with v1.variable_scope("critic", reuse=True):
        penalty = gradient_penalty(critic, real, fake)

    assert [v.name for v in v1.global_variables()] == ["critic/w:0"]
    assert evaluate(penalty) == pytest.approx((2 - 1) ** 2, abs=1e-5)  # ||ones(2, 2)|| = 2


def test_the_registry_names_six_losses_and_says_which_output_probabilities():
    """minimax and non-saturating read sigmoid(logit) as p(real); the others read a raw score."""
    assert list(LOSSES) == ["minimax", "non-saturating", "least-squares", "wasserstein",
                            "wasserstein-gp", "hinge"]
    assert [name for name, loss in LOSSES.items() if loss.outputs_are_probabilities] == [
        "minimax", "non-saturating"]
    assert [name for name, loss in LOSSES.items() if loss.clips_weights] == ["wasserstein"]
    assert [name for name, loss in LOSSES.items() if loss.penalizes_gradient] == ["wasserstein-gp"]


def test_an_unknown_loss_name_is_refused_in_one_line_that_lists_the_choices():
    """get_loss("wgan") names the mistake and every name it knows."""
    with pytest.raises(ValueError) as error:
        get_loss("wgan")

    assert str(error.value) == ("unknown loss 'wgan'; choose one of: minimax, non-saturating, "
                                "least-squares, wasserstein, wasserstein-gp, hinge")
