"""GANModel with each loss: what it computes, what it shows, and what the Wasserstein critics add."""
import numpy as np
import pytest
import tensorflow as tf


v1 = tf.compat.v1


@pytest.fixture
def tiny(tiny_model_with):
    """`tiny(**arguments)`: conftest.py's tiny model with the given loss arguments, shared by the
    tests that ask for the same ones."""
    return tiny_model_with


@pytest.fixture
def feed(tiny_images, noise):
    """Three real images and three noise vectors, as a function of the model to feed."""
    return lambda model: {model.real_images: tiny_images[:3], model.noise: noise}


def sigmoid(x):
    return 1 / (1 + np.exp(-np.float64(x)))


# Every loss: the norm of the gradients each network's update applies.
NORMS = ("d_gradient_norm", "g_gradient_norm")


@pytest.mark.parametrize("loss, shown", [
    pytest.param("minimax", ["d_loss", "d_real_loss", "d_fake_loss", "g_loss", "p_real", "p_fake", *NORMS],
                 id="minimax"),
    pytest.param("non-saturating", ["d_loss", "d_real_loss", "d_fake_loss", "g_loss", "p_real", "p_fake", *NORMS],
                 id="non_saturating"),
    pytest.param("least-squares", ["d_loss", "g_loss", "d_real_mean", "d_fake_mean", *NORMS], id="least_squares"),
    pytest.param("wasserstein", ["d_loss", "g_loss", "d_real_mean", "d_fake_mean", "critic_gap", *NORMS],
                 id="wasserstein"),
    pytest.param("wasserstein-gp", ["d_loss", "g_loss", "d_real_mean", "d_fake_mean", "critic_gap",
                                    "gradient_penalty", *NORMS], id="wasserstein_gp"),
    pytest.param("hinge", ["d_loss", "g_loss", "d_real_mean", "d_fake_mean", *NORMS], id="hinge"),
])
def test_each_loss_shows_the_scalars_that_mean_something_for_it(loss, shown, feed, tiny):
    """A probability is shown only where the loss reads sigmoid(logit) as one; a critic shows its
    mean scores, and a Wasserstein critic its estimate of the distance. TensorBoard gets exactly these."""
    model = tiny(loss=loss)

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        summary = v1.Summary.FromString(session.run(model.scalar_summary, feed(model)))

    assert list(model.scalars) == shown
    assert [value.tag for value in summary.value] == [f"summaries/{name}" for name in shown]


def test_the_model_computes_its_hinge_loss_on_its_own_logits(feed, tiny):
    """With loss="hinge": d_loss = mean relu(1 - D(x)) + mean relu(1 + D(G(z))), g_loss = -mean D(G(z))."""
    model = tiny(loss="hinge")

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        real, fake, d_loss, g_loss = session.run(
            [model.d_real_logits, model.d_fake_logits, model.d_loss, model.g_loss], feed(model))

    assert d_loss == pytest.approx(np.mean(np.maximum(1 - real, 0)) + np.mean(np.maximum(1 + fake, 0)), abs=1e-5)
    assert g_loss == pytest.approx(-np.mean(fake), abs=1e-5)


def test_label_smoothing_labels_real_images_0_9_in_the_discriminators_loss(feed, tiny):
    """label_smoothing=0.1: d_real_loss = -mean(0.9 log D(x) + 0.1 log(1 - D(x)))."""
    model = tiny(label_smoothing=0.1)

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        real, d_real_loss = session.run([model.d_real_logits, model.d_real_loss], feed(model))

    expected = -np.mean(0.9 * np.log(sigmoid(real)) + 0.1 * np.log(1 - sigmoid(real)))
    assert d_real_loss == pytest.approx(expected, abs=1e-5)


def test_wasserstein_clips_every_discriminator_weight_after_each_update(feed, tiny):
    """The initial weights reach beyond 0.01; after one D update every one lies in [-0.01, 0.01]."""
    model = tiny(loss="wasserstein", clip_value=0.01)

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        before = session.run(model.discriminator_variables)
        session.run(model.d_train_op, feed(model))
        after = session.run(model.discriminator_variables)

    assert max(np.abs(weights).max() for weights in before) > 0.01
    assert max(np.abs(weights).max() for weights in after) <= 0.01


def test_the_gradient_penalty_adds_to_the_critic_loss_and_adds_no_variable(feed, tiny):
    """wasserstein-gp's d_loss = mean D(G(z)) - mean D(x) + 10 * penalty, built with D's own weights:
    the graph holds the same variables as a model without a penalty."""
    model = tiny(loss="wasserstein-gp", gradient_penalty_weight=10.0)

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        real, fake, penalty, d_loss = session.run(
            [model.d_real_logits, model.d_fake_logits, model.gradient_penalty, model.d_loss], feed(model))

    assert penalty > 0
    assert d_loss == pytest.approx(np.mean(fake) - np.mean(real) + 10 * penalty, abs=1e-4)
    assert ([v.name for v in model.graph.get_collection("variables")]
            == [v.name for v in tiny(loss="wasserstein").graph.get_collection("variables")])


def test_adam_takes_beta1_and_beta2_so_wasserstein_gp_can_use_0_and_0_9(tiny):
    """Both optimizers start their moment decays at the chosen betas (Gulrajani 2017: 0 and 0.9)."""
    model = tiny(loss="wasserstein-gp", beta1=0.0, beta2=0.9)
    powers = [v for v in model.graph.get_collection("variables") if "_power" in v.name]

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        values = dict(zip([v.name for v in powers], session.run(powers)))

    assert values == pytest.approx({
        "discriminator_optimizer/beta1_power:0": 0.0, "discriminator_optimizer/beta2_power:0": 0.9,
        "generator_optimizer/beta1_power:0": 0.0, "generator_optimizer/beta2_power:0": 0.9})


def test_the_gradient_norms_are_those_of_the_gradients_each_update_applies(tiny_model_of_its_own, feed):
    """d_gradient_norm is the global norm of d_loss's gradients over D's variables, g_gradient_norm
    that of g_loss's over G's, at the same feed (compared with tf.gradients taken by the test)."""
    model = tiny_model_of_its_own
    with model.graph.as_default():
        expected = [tf.linalg.global_norm(tf.gradients(model.d_loss, model.discriminator_variables)),
                    tf.linalg.global_norm(tf.gradients(model.g_loss, model.generator_variables))]

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        norms, by_hand = session.run([[model.d_gradient_norm, model.g_gradient_norm], expected], feed(model))

    np.testing.assert_allclose(norms, by_hand, rtol=1e-5)
    assert all(norm > 0 for norm in norms)
