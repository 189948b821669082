"""The losses, pinned against the same formulas computed in numpy."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.losses import discriminator_loss, generator_loss

REAL_LOGITS = np.array([[2.0], [-0.5], [0.3]], np.float32)
FAKE_LOGITS = np.array([[-1.5], [0.7], [0.0]], np.float32)


def log_sigmoid(x):
    return -np.log1p(np.exp(-x))


def evaluate(tensors):
    """Run loss tensors built from constants in a throwaway graph."""
    with tf.compat.v1.Session(graph=tf.compat.v1.get_default_graph()) as session:
        return session.run(tensors)


@pytest.fixture(autouse=True)
def fresh_graph():
    """Each loss test builds in a graph of its own, in graph mode."""
    with tf.Graph().as_default():
        yield


def test_discriminator_loss_is_real_as_one_plus_fake_as_zero():
    """d_loss = -mean(log D(x)) - mean(log(1 - D(G(z)))), and its parts are the two terms."""
    expected_real = -np.mean(log_sigmoid(REAL_LOGITS))
    expected_fake = -np.mean(log_sigmoid(-FAKE_LOGITS))

    d_loss, real_loss, fake_loss = evaluate(discriminator_loss(tf.constant(REAL_LOGITS),
                                                               tf.constant(FAKE_LOGITS)))

    assert real_loss == pytest.approx(expected_real, abs=1e-5)
    assert fake_loss == pytest.approx(expected_fake, abs=1e-5)
    assert d_loss == pytest.approx(expected_real + expected_fake, abs=1e-5)


def test_generator_loss_is_non_saturating_fake_as_one():
    """g_loss = -mean(log D(G(z))): the generator is rewarded when D calls its images real."""
    expected = -np.mean(log_sigmoid(FAKE_LOGITS))

    g_loss = evaluate(generator_loss(tf.constant(FAKE_LOGITS)))

    assert g_loss == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize("logit, expected", [
    pytest.param(0.0, 2 * np.log(2), id="undecided_discriminator_pays_2_log_2"),
    pytest.param(30.0, 30.0, id="confidently_wrong_costs_the_logit"),
])
def test_discriminator_loss_when_it_gives_the_same_logit_to_real_and_fake(logit, expected):
    """At the GAN equilibrium D outputs 1/2 everywhere and d_loss is 2 log 2 ~ 1.386."""
    logits = tf.constant([[logit]])

    d_loss, _, _ = evaluate(discriminator_loss(logits, logits))

    assert d_loss == pytest.approx(expected, abs=1e-4)
