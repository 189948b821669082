"""The image-to-image generator loss: L1 beside an adversarial term, with a fixed weight or one
set by a ratio of gradients, each pinned against numbers computed by hand."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.image_to_image.losses import combine, gradient_ratio_weight, pixel_loss
from gan_tdd.losses import get_loss

v1 = tf.compat.v1


@pytest.fixture(autouse=True)
def fresh_graph():
    """Each test builds in a graph of its own, in graph mode."""
    with tf.Graph().as_default():
        yield


def evaluate(tensors):
    with v1.Session() as session:
        return session.run(tensors)


def test_pixel_loss_is_the_mean_absolute_difference():
    """|0.5 - 0| + |-1 - 1| + |0.25 - 0.25| + |1 - 0| over 4 pixels = 3.5 / 4."""
    images = tf.constant([[[[0.5], [-1.0]], [[0.25], [1.0]]]])
    targets = tf.constant([[[[0.0], [1.0]], [[0.25], [0.0]]]])

    assert evaluate(pixel_loss(images, targets)) == pytest.approx(0.875, abs=1e-6)


def test_combine_adds_the_weighted_adversarial_loss_to_the_pixel_loss():
    """0.875 + 0.01 * non-saturating loss of logits (0, 2): 0.875 + 0.01 * mean(log 2, log(1 + e^-2))."""
    adversarial = get_loss("non-saturating").generator_loss(tf.constant([[0.0], [2.0]]))
    expected = 0.875 + 0.01 * (np.log(2) + np.log1p(np.exp(-2))) / 2

    assert evaluate(combine(tf.constant(0.875), adversarial, 0.01)) == pytest.approx(expected, abs=1e-6)


def test_weight_0_gives_the_pixel_loss_alone_exactly_even_beside_a_nan_adversarial_loss():
    """The baseline: with weight 0 the adversarial term is left out, not multiplied by 0."""
    pixel = tf.constant(0.875)

    assert evaluate(combine(pixel, tf.constant(np.nan), 0)) == np.float32(0.875)


def test_a_tensor_weight_is_used_as_it_is():
    """A weight computed in the graph, like gradient_ratio_weight's, multiplies the adversarial loss."""
    assert evaluate(combine(tf.constant(1.0), tf.constant(2.0), tf.constant(0.25))) == pytest.approx(1.5)


@pytest.mark.parametrize("weight", [pytest.param(-0.1, id="negative"), pytest.param("0.1", id="string"),
                                    pytest.param(True, id="bool")])
def test_combine_names_a_weight_that_is_not_a_number_at_least_0(weight):
    """A negative weight would reward fooling D less; a string or a bool is a slip."""
    with pytest.raises(ValueError, match="weight must be a number >= 0"):
        combine(tf.constant(1.0), tf.constant(1.0), weight)


# A tiny graph whose gradients are known by hand: at x = (1, 2),
#   pixel = 3 * (x1 + x2)  has gradient (3, 3), norm 3 * sqrt(2);
#   adversarial = x1^2 + x2^2  has gradient (2, 4), norm sqrt(20).
X = np.array([1.0, 2.0], np.float32)


def tiny_losses():
    x = tf.constant(X)
    return x, 3.0 * tf.reduce_sum(x), tf.reduce_sum(tf.square(x))


@pytest.mark.parametrize("ratio", [pytest.param(1.0, id="equal"), pytest.param(2.0, id="pixel_twice")])
def test_the_gradient_ratio_weight_is_the_pixel_norm_over_the_adversarial_norm_over_the_ratio(ratio):
    """TF-GAN's convention: weight = (3 sqrt(2) / sqrt(20)) / ratio (epsilon aside)."""
    x, pixel, adversarial = tiny_losses()

    weight = evaluate(gradient_ratio_weight(pixel, adversarial, x, ratio))

    assert weight == pytest.approx(3 * np.sqrt(2) / np.sqrt(20) / ratio, rel=1e-5)


@pytest.mark.parametrize("ratio", [pytest.param(1.0, id="equal"), pytest.param(2.0, id="pixel_twice")])
def test_with_the_gradient_ratio_weight_the_pixel_gradient_is_ratio_times_the_adversarial_one(ratio):
    """||grad of the pixel loss|| / ||grad of the weighted adversarial term|| = ratio, and the total
    gradient is (3, 3) + weight * (2, 4): the weight itself passes no gradient back."""
    x, pixel, adversarial = tiny_losses()
    weight = gradient_ratio_weight(pixel, adversarial, x, ratio)
    total = combine(pixel, adversarial, weight)

    (pixel_gradient,), (adversarial_gradient,), (total_gradient,), weight = evaluate(
        [tf.gradients(pixel, x), tf.gradients(weight * adversarial, x), tf.gradients(total, x), weight])

    assert np.linalg.norm(pixel_gradient) / np.linalg.norm(adversarial_gradient) == pytest.approx(ratio, rel=1e-5)
    np.testing.assert_allclose(total_gradient, [3 + 2 * weight, 3 + 4 * weight], rtol=1e-6)


def test_the_gradient_ratio_weight_takes_a_list_of_tensors_and_their_global_norm():
    """Split x into two tensors: the norms are over both together, so the weight is the same."""
    a, b = tf.constant([1.0]), tf.constant([2.0])
    pixel, adversarial = 3.0 * (a + b), tf.square(a) + tf.square(b)

    weight = evaluate(gradient_ratio_weight(tf.reduce_sum(pixel), tf.reduce_sum(adversarial), [a, b]))

    assert weight == pytest.approx(3 * np.sqrt(2) / np.sqrt(20), rel=1e-5)


def test_a_flat_adversarial_loss_gives_a_large_finite_weight_not_infinity():
    """epsilon keeps the denominator above 0 when the adversarial gradient vanishes."""
    x, pixel, _ = tiny_losses()

    weight = evaluate(gradient_ratio_weight(pixel, 0.0 * tf.reduce_sum(x), x))

    assert np.isfinite(weight) and weight == pytest.approx(3 * np.sqrt(2) / 1e-6, rel=1e-3)


def test_a_loss_that_does_not_depend_on_the_variables_is_named():
    """A gradient of None (no path from the variables to the loss) fails with the loss's name, not a TypeError."""
    x, pixel, _ = tiny_losses()

    with pytest.raises(ValueError, match="adversarial_loss does not depend on every tensor of variables"):
        gradient_ratio_weight(pixel, tf.constant(1.0), x)


@pytest.mark.parametrize("ratio", [pytest.param(0, id="zero"), pytest.param(-1.0, id="negative")])
def test_the_gradient_ratio_must_be_a_positive_number(ratio):
    """A ratio of 0 is the pixel loss alone: say weight=0 for that."""
    x, pixel, adversarial = tiny_losses()

    with pytest.raises(ValueError, match="gradient_ratio must be a number > 0"):
        gradient_ratio_weight(pixel, adversarial, x, ratio)
