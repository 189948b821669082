"""The auxiliary losses, each pinned against the same formula computed in numpy."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.auxiliary_losses import (acgan_discriminator_class_loss, acgan_generator_class_loss,
                                      class_cross_entropy, mutual_information_penalty,
                                      self_augmented_clustering_loss)
from two_classes import numpy_cross_entropy

RANDOM = np.random.default_rng(0)
REAL_CLASS_LOGITS = RANDOM.normal(0, 2, (5, 3)).astype(np.float32)
FAKE_CLASS_LOGITS = RANDOM.normal(0, 2, (5, 3)).astype(np.float32)
LABELS = np.array([0, 2, 1, 1, 0], np.int32)
CONTINUOUS_MEANS = RANDOM.normal(0, 1, (5, 2)).astype(np.float32)
CONTINUOUS_CODE = RANDOM.uniform(-1, 1, (5, 2)).astype(np.float32)



def evaluate(tensor):
    with tf.compat.v1.Session(graph=tensor.graph) as session:
        return session.run(tensor)


@pytest.fixture(autouse=True)
def fresh_graph():
    """Each loss is built in a graph of its own."""
    with tf.Graph().as_default():
        yield


def test_class_cross_entropy_is_minus_the_mean_log_softmax_of_the_true_class():
    """CE = -mean log softmax(logits)[label]."""
    assert evaluate(class_cross_entropy(REAL_CLASS_LOGITS, LABELS)) == pytest.approx(
        numpy_cross_entropy(REAL_CLASS_LOGITS, LABELS), abs=1e-5)


def test_acgan_discriminator_class_loss_adds_the_cross_entropies_on_real_and_generated_images():
    """D names the class of both: CE(real) + CE(fake), as in the paper's L_C and TF-GAN."""
    expected = (numpy_cross_entropy(REAL_CLASS_LOGITS, LABELS)
                + numpy_cross_entropy(FAKE_CLASS_LOGITS, LABELS))

    loss = acgan_discriminator_class_loss(REAL_CLASS_LOGITS, FAKE_CLASS_LOGITS, LABELS)

    assert evaluate(loss) == pytest.approx(expected, abs=1e-5)


def test_acgan_generator_class_loss_is_the_cross_entropy_on_generated_images_only():
    """G is judged only on what it drew: CE(fake)."""
    loss = acgan_generator_class_loss(FAKE_CLASS_LOGITS, LABELS)

    assert evaluate(loss) == pytest.approx(numpy_cross_entropy(FAKE_CLASS_LOGITS, LABELS), abs=1e-5)


def test_mutual_information_penalty_is_the_categorical_cross_entropy_plus_half_the_summed_squared_error():
    """penalty = CE(Q_cat, c_cat) + mean over the batch of sum over the codes 1/2 (Q_cont - c_cont)^2."""
    expected = (numpy_cross_entropy(FAKE_CLASS_LOGITS, LABELS)
                + 0.5 * np.mean(np.sum((CONTINUOUS_MEANS - CONTINUOUS_CODE) ** 2, axis=1)))

    penalty = mutual_information_penalty(FAKE_CLASS_LOGITS, LABELS, CONTINUOUS_MEANS, CONTINUOUS_CODE)

    assert evaluate(penalty) == pytest.approx(expected, abs=1e-5)


def test_the_continuous_term_is_the_codes_gaussian_negative_log_likelihood_less_its_constant():
    """With the categorical term weighed 0: -mean log N(c; Q(x), I) over the batch, less the
    constant (2 codes)/2 * log(2 pi), computed with scipy's Gaussian log-density."""
    from scipy.stats import norm

    log_likelihood = norm.logpdf(CONTINUOUS_CODE, loc=CONTINUOUS_MEANS, scale=1.0).sum(axis=1).mean()

    penalty = mutual_information_penalty(FAKE_CLASS_LOGITS, LABELS, CONTINUOUS_MEANS, CONTINUOUS_CODE,
                                         categorical_weight=0.0)

    assert evaluate(penalty) == pytest.approx(-log_likelihood - np.log(2 * np.pi), abs=1e-5)


def test_each_term_has_a_weight_of_its_own():
    """Weights 2 and 0.1: twice the cross-entropy plus a tenth of the continuous term."""
    categorical = numpy_cross_entropy(FAKE_CLASS_LOGITS, LABELS)
    continuous = 0.5 * np.mean(np.sum((CONTINUOUS_MEANS - CONTINUOUS_CODE) ** 2, axis=1))

    penalty = mutual_information_penalty(FAKE_CLASS_LOGITS, LABELS, CONTINUOUS_MEANS, CONTINUOUS_CODE,
                                         categorical_weight=2.0, continuous_weight=0.1)

    assert evaluate(penalty) == pytest.approx(2 * categorical + 0.1 * continuous, abs=1e-5)


def test_a_head_that_recovers_the_code_exactly_pays_almost_nothing():
    """Confident, right categorical logits and exact continuous means give a penalty near 0."""
    confident = 50.0 * np.eye(3, dtype=np.float32)[LABELS]

    penalty = mutual_information_penalty(confident, LABELS, CONTINUOUS_CODE, CONTINUOUS_CODE)

    assert evaluate(penalty) == pytest.approx(0.0, abs=1e-5)


def numpy_softmax(logits):
    exponentials = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exponentials / exponentials.sum(axis=1, keepdims=True)


def numpy_entropy(probabilities):
    return -np.sum(probabilities * np.log(probabilities), axis=-1)


def test_self_augmented_clustering_loss_is_the_moves_kl_plus_each_images_entropy_less_the_batchs():
    """IMSAT's objective on a categorical head: KL(p(x) || p(moved x)) + mean H(p(x)) - H(mean p(x))."""
    p, moved = numpy_softmax(REAL_CLASS_LOGITS), numpy_softmax(FAKE_CLASS_LOGITS)
    expected = (np.mean(np.sum(p * (np.log(p) - np.log(moved)), axis=1))
                + np.mean(numpy_entropy(p)) - numpy_entropy(p.mean(axis=0)))

    loss = evaluate(self_augmented_clustering_loss(tf.constant(REAL_CLASS_LOGITS), tf.constant(FAKE_CLASS_LOGITS)))

    assert loss == pytest.approx(expected, rel=1e-5)


def test_sure_balanced_and_steady_categories_reach_the_lowest_loss_minus_log_categories():
    """Each image named surely, the three categories equally often, the same after the move: -log 3."""
    sure = tf.constant(np.eye(3, dtype=np.float32)[[0, 1, 2, 0, 1, 2]] * 30)

    assert evaluate(self_augmented_clustering_loss(sure, sure)) == pytest.approx(-np.log(3), abs=1e-4)


def test_one_category_for_every_image_or_an_unsure_head_costs_more_than_a_balanced_sure_one():
    balanced = tf.constant(np.eye(3, dtype=np.float32)[[0, 1, 2, 0, 1, 2]] * 30)
    one_category = tf.constant(np.eye(3, dtype=np.float32)[[0] * 6] * 30)
    unsure = tf.constant(np.zeros((6, 3), np.float32))

    costs = [evaluate(self_augmented_clustering_loss(logits, logits)) for logits in (balanced, one_category, unsure)]

    assert costs[0] < costs[1] and costs[0] < costs[2]
    assert costs[1] == pytest.approx(0.0, abs=1e-4) and costs[2] == pytest.approx(0.0, abs=1e-4)


def test_only_the_moved_images_side_of_the_kl_takes_a_gradient():
    """The unmoved image's categories are the target: the KL pulls the moved image's towards them."""
    logits, moved = tf.constant(REAL_CLASS_LOGITS), tf.constant(FAKE_CLASS_LOGITS)
    kl_alone = self_augmented_clustering_loss(logits, moved) - self_augmented_clustering_loss(logits, logits)
    gradient_on_target, gradient_on_moved = tf.gradients(kl_alone, [logits, moved])

    assert np.abs(evaluate(gradient_on_moved)).max() > 1e-3
    np.testing.assert_allclose(evaluate(gradient_on_target), 0, atol=1e-6)
