"""Our layers: the shapes they make, the variables they own, and batch norm's two modes."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.layers import batch_norm, conv2d, conv2d_transpose, dense, leaky_relu

v1 = tf.compat.v1


@pytest.fixture(autouse=True)
def fresh_graph():
    """Each layer test builds in an empty graph of its own."""
    with tf.Graph().as_default() as graph:
        yield graph


def run(tensors, feed=None):
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        return session.run(tensors, feed)


def test_dense_maps_features_to_units_with_a_kernel_and_a_bias():
    """dense(x, 3) on (2, 5) inputs gives (2, 3) and creates name/kernel (5, 3) and name/bias (3,)."""
    inputs = tf.ones([2, 5])

    outputs = dense(inputs, 3, "layer")

    assert run(outputs).shape == (2, 3)
    assert {v.name: v.shape.as_list() for v in v1.global_variables()} == {
        "layer/kernel:0": [5, 3], "layer/bias:0": [3]}


def test_conv2d_with_stride_2_halves_height_and_width():
    """A stride-2 'same' convolution turns 8x8x1 into 4x4xfilters."""
    outputs = conv2d(tf.ones([2, 8, 8, 1]), 6, 5, 2, "conv")

    assert run(outputs).shape == (2, 4, 4, 6)


def test_conv2d_transpose_with_stride_2_doubles_height_and_width_for_any_batch_size():
    """A stride-2 transposed convolution turns 4x4 into 8x8, with the batch size known only at run time."""
    inputs = v1.placeholder(tf.float32, [None, 4, 4, 3])

    outputs = conv2d_transpose(inputs, 2, 5, 2, "deconv")

    assert outputs.shape.as_list() == [None, 8, 8, 2]
    assert run(outputs, {inputs: np.ones((5, 4, 4, 3))}).shape == (5, 8, 8, 2)


def test_building_a_layer_again_in_a_reusing_scope_shares_its_variables():
    """get_variable under reuse=True returns the existing kernel: two calls, one set of weights."""
    with v1.variable_scope("shared"):
        first = dense(tf.ones([1, 2]), 1, "layer")
    with v1.variable_scope("shared", reuse=True):
        second = dense(tf.ones([1, 2]), 1, "layer")

    first_values, second_values = run([first, second])

    assert len(v1.global_variables()) == 2
    assert first_values == second_values


def test_batch_norm_in_training_mode_normalizes_each_channel_of_the_batch():
    """With gamma 1 and beta 0, each channel of the output has mean 0 and variance 1."""
    inputs = tf.constant(np.random.default_rng(0).normal(5.0, 3.0, (16, 4, 4, 2)), tf.float32)

    outputs = run(batch_norm(inputs, training=True, name="bn"))

    assert outputs.mean(axis=(0, 1, 2)) == pytest.approx([0, 0], abs=1e-4)
    assert outputs.var(axis=(0, 1, 2)) == pytest.approx([1, 1], abs=1e-2)


def test_batch_norm_of_a_dense_layers_output_normalizes_each_feature():
    """(batch, features) inputs, as an MLP makes them, come out with mean 0 and variance 1 per feature."""
    inputs = tf.constant(np.random.default_rng(0).normal(5.0, 3.0, (32, 3)), tf.float32)

    outputs = run(batch_norm(inputs, training=True, name="bn"))

    assert outputs.shape == (32, 3)
    assert outputs.mean(axis=0) == pytest.approx([0, 0, 0], abs=1e-4)
    assert outputs.var(axis=0) == pytest.approx([1, 1, 1], abs=1e-2)


def test_batch_norm_update_ops_move_the_moving_mean_toward_the_batch_mean():
    """One run of the UPDATE_OPS moves moving_mean from 0 by (1 - momentum) of the batch mean."""
    inputs = tf.fill([4, 2, 2, 1], 10.0)
    batch_norm(inputs, training=True, name="bn", momentum=0.9)
    moving_mean = [v for v in v1.global_variables() if v.name == "bn/moving_mean:0"][0]

    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        session.run(v1.get_collection(v1.GraphKeys.UPDATE_OPS))
        moved = session.run(moving_mean)

    assert moved == pytest.approx([1.0])


def test_batch_norm_in_inference_mode_uses_the_moving_statistics():
    """Before any update (mean 0, variance 1) inference-mode batch norm leaves inputs nearly as they are."""
    inputs = tf.fill([3, 2, 2, 1], 7.0)

    outputs = run(batch_norm(inputs, training=False, name="bn"))

    assert outputs == pytest.approx(np.full((3, 2, 2, 1), 7.0), rel=1e-4)
    assert v1.get_collection(v1.GraphKeys.UPDATE_OPS) == []


def test_leaky_relu_keeps_a_fifth_of_negative_inputs():
    """leaky_relu(-10) is -2 and leaky_relu(3) is 3."""
    assert run(leaky_relu(tf.constant([-10.0, 3.0]))) == pytest.approx([-2.0, 3.0])
