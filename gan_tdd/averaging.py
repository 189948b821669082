"""An exponential moving average of a network's variables, to sample from (Yazıcı et al. 2019).

A GAN's generator never settles: each update chases the discriminator's latest opinion, so its
weights circle around a good solution. Their exponential moving average sits nearer the middle
and makes better samples than the last weights do (https://arxiv.org/abs/1806.04498).

Averaging takes two pieces, both here:

    average, update = moving_average(generator_variables, decay=0.999, after=g_train_op)
    with v1.variable_scope("generator", reuse=True, custom_getter=averaged_getter(average)):
        sampled_images = generator(noise, ..., training=False)

Run `update` instead of the train op it follows; the second build of the generator reads the
averages in place of the variables they follow. The averages are global variables, so a
`tf.compat.v1.train.Saver` keeps them in the checkpoint.
"""
from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1


def moving_average(variables, decay, after, name="average"):
    """Average `variables` after each run of `after`: average <- decay * average + (1 - decay) * value.

    Each average starts at its variable's initial value, so after n updates the starting
    weights still count with decay**n: 0.999 forgets them within a few thousand updates.

    Args:
        variables: the variables to average.
        decay: in [0, 1); 1 / (1 - decay) updates is roughly how far back the average reaches.
        after: an op (a train op) that each update of the averages runs after.
        name: the suffix of the averages' names: "generator/project/kernel/<name>".

    Returns:
        (average, update): the `tf.compat.v1.train.ExponentialMovingAverage`, whose
        `average(variable)` is a variable's average, and the op that runs `after` and then moves
        every average.
    """
    average = v1.train.ExponentialMovingAverage(decay, name=name)
    with tf.control_dependencies([after]):
        update = average.apply(list(variables))
    return average, update


def averaged_getter(average):
    """A `custom_getter` for `variable_scope` that gives each variable's average instead, where
    `average` has one, and the variable itself where it has none.

    Args:
        average: the `ExponentialMovingAverage` returned by `moving_average`.
    """

    # variable_scope calls a custom getter with keywords, `getter` and `name` among them.
    def average_getter(getter, name, *args, **kwargs):
        variable = getter(name, *args, **kwargs)
        averaged = average.average(variable)
        return variable if averaged is None else averaged

    return average_getter
