"""moving_average and averaged_getter: an exponential moving average of variables, and reading it."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.averaging import averaged_getter, moving_average
from gan_tdd.layers import dense

v1 = tf.compat.v1


def numpy_average(initial, values, decay):
    """The closed form: the average starts at the initial value and takes in each later value."""
    average = np.asarray(initial, np.float64)
    for value in values:
        average = decay * average + (1 - decay) * np.asarray(value, np.float64)
    return average


@pytest.mark.parametrize("decay", [pytest.param(0.5, id="fast"), pytest.param(0.99, id="slow")])
def test_after_n_updates_the_average_equals_the_closed_form(decay):
    """Each update folds the variable's value after `after` into the average, as numpy says it should."""
    values = np.random.default_rng(0).standard_normal((5, 3)).astype(np.float32)
    with tf.Graph().as_default():
        variable = v1.get_variable("weights", initializer=np.ones(3, np.float32))
        new_value = v1.placeholder(tf.float32, [3])
        average, update = moving_average([variable], decay, after=v1.assign(variable, new_value))
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            for value in values:
                session.run(update, {new_value: value})
            averaged, current = session.run([average.average(variable), variable])

    np.testing.assert_allclose(averaged, numpy_average(np.ones(3), values, decay), rtol=1e-5)
    np.testing.assert_array_equal(current, values[-1])


def test_a_layer_built_with_the_getter_reads_the_averages_instead_of_the_variables():
    """Building a layer again inside the getter's scope computes it with the averaged kernel and bias."""
    inputs = np.random.default_rng(1).standard_normal((4, 3)).astype(np.float32)
    with tf.Graph().as_default():
        v1.set_random_seed(0)
        with v1.variable_scope("net"):
            dense(inputs, 2, "layer")
        variables = v1.trainable_variables("net")
        shift = tf.group([v1.assign_add(variable, tf.ones_like(variable)) for variable in variables])
        average, update = moving_average(variables, 0.9, after=shift)
        with v1.variable_scope("net", reuse=True, custom_getter=averaged_getter(average)):
            averaged_outputs = dense(inputs, 2, "layer")
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            kernel, bias = session.run(variables)
            for _ in range(3):
                session.run(update)
            outputs = session.run(averaged_outputs)

    # Values 1, 2, 3 above the start, averaged with decay 0.9: the start plus 0.1*(0.9*(0.9*1+2)+3).
    offset = numpy_average(0.0, [1.0, 2.0, 3.0], 0.9)
    np.testing.assert_allclose(outputs, inputs @ (kernel + offset) + (bias + offset), rtol=1e-5)


def test_a_variable_without_an_average_is_read_as_itself():
    """The getter hands back the variable itself where the average has no entry for it."""
    with tf.Graph().as_default():
        averaged = v1.get_variable("averaged", initializer=1.0)
        plain = v1.get_variable("plain", initializer=2.0)
        average, _ = moving_average([averaged], 0.9, after=tf.no_op())
        with v1.variable_scope("", reuse=True, custom_getter=averaged_getter(average)):
            assert v1.get_variable("averaged") is average.average(averaged)
            assert v1.get_variable("plain") is plain


def test_the_averages_are_global_variables_that_a_checkpoint_keeps(tmp_path):
    """A Saver made without a variable list saves the averages and restores them."""
    with tf.Graph().as_default():
        variable = v1.get_variable("weights", initializer=np.zeros(2, np.float32))
        average, update = moving_average([variable], 0.5, after=v1.assign_add(variable, [2.0, 4.0]))
        assert average.average(variable) in v1.global_variables()
        assert average.average(variable) not in v1.trainable_variables()
        saver = v1.train.Saver()
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            session.run(update)
            path = saver.save(session, str(tmp_path / "model"))
        with v1.Session() as session:
            saver.restore(session, path)
            restored = session.run(average.average(variable))

    np.testing.assert_allclose(restored, [1.0, 2.0])
