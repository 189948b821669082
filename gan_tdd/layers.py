"""The few layers a DCGAN needs, written on `tf.compat.v1.get_variable` and `tf.nn` ops.

Every layer creates its variables with `get_variable` inside a `variable_scope` named after the
layer. That is what makes sharing visible: build a network a second time inside
`variable_scope(..., reuse=True)` and each `get_variable` call returns the variable that already
exists instead of making a new one.
"""
from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1


def dense(inputs, units, name):
    """A fully connected layer: `inputs @ kernel + bias`.

    Args:
        inputs: a float tensor of shape (batch, features).
        units: the number of outputs.
        name: the variable scope that holds `kernel` and `bias`.

    Returns:
        A tensor of shape (batch, units).
    """
    with v1.variable_scope(name):
        kernel = v1.get_variable("kernel", [inputs.shape[-1], units],
                                 initializer=v1.glorot_uniform_initializer())
        bias = v1.get_variable("bias", [units], initializer=v1.zeros_initializer())
        return tf.matmul(inputs, kernel) + bias


def conv2d(inputs, filters, kernel_size, stride, name):
    """A 'same'-padded 2-D convolution with a bias, NHWC.

    Args:
        inputs: a tensor of shape (batch, height, width, channels).
        filters: the number of output channels.
        kernel_size: the side of the square kernel.
        stride: the step in both directions; 2 halves height and width.
        name: the variable scope that holds `kernel` and `bias`.

    Returns:
        A tensor of shape (batch, ceil(height / stride), ceil(width / stride), filters).
    """
    with v1.variable_scope(name):
        kernel = v1.get_variable("kernel", [kernel_size, kernel_size, inputs.shape[-1], filters],
                                 initializer=v1.glorot_uniform_initializer())
        bias = v1.get_variable("bias", [filters], initializer=v1.zeros_initializer())
        return tf.nn.conv2d(inputs, kernel, strides=stride, padding="SAME") + bias


def conv2d_transpose(inputs, filters, kernel_size, stride, name):
    """A 'same'-padded transposed convolution with a bias: the generator's upsampling step.

    Args:
        inputs: a tensor of shape (batch, height, width, channels).
        filters: the number of output channels.
        kernel_size: the side of the square kernel.
        stride: the upsampling factor in both directions.
        name: the variable scope that holds `kernel` and `bias`.

    Returns:
        A tensor of shape (batch, height * stride, width * stride, filters).
    """
    with v1.variable_scope(name):
        # A transposed convolution's kernel is laid out (h, w, out, in): the reverse of conv2d.
        kernel = v1.get_variable("kernel", [kernel_size, kernel_size, filters, inputs.shape[-1]],
                                 initializer=v1.glorot_uniform_initializer())
        bias = v1.get_variable("bias", [filters], initializer=v1.zeros_initializer())
        height, width = inputs.shape[1] * stride, inputs.shape[2] * stride
        output_shape = tf.stack([tf.shape(inputs)[0], height, width, filters])
        outputs = tf.nn.conv2d_transpose(inputs, kernel, output_shape, strides=stride, padding="SAME")
        # The batch size is dynamic, so give the static height, width and channels back to the graph.
        outputs.set_shape([None, height, width, filters])
        return outputs + bias


def batch_norm(inputs, training, name, momentum=0.9, epsilon=1e-5):
    """Batch normalization over the channels of an NHWC tensor, or the features of a dense layer.

    In training mode the layer normalizes with the batch's own statistics and adds the ops that
    move `moving_mean` and `moving_variance` toward them to the `UPDATE_OPS` collection: the
    optimizer step must depend on them, or they never move. In inference mode it normalizes with
    the moving statistics, so one sample does not depend on the others in its batch.

    Args:
        inputs: a tensor of shape (batch, height, width, channels) or (batch, features).
        training: a Python bool: batch statistics (True) or moving statistics (False).
        name: the variable scope that holds `gamma`, `beta` and the moving statistics.
        momentum: how much of the old moving statistic each update keeps.
        epsilon: added to the variance so that a constant channel does not divide by zero.

    Returns:
        A tensor of the shape of `inputs`.
    """
    channels = inputs.shape[-1]
    if inputs.shape.rank == 2:
        # Features are the channels of a 1x1 map: the fused op wants four dimensions.
        outputs = batch_norm(inputs[:, None, None, :], training, name, momentum, epsilon)
        return tf.reshape(outputs, [-1, channels])
    with v1.variable_scope(name):
        gamma = v1.get_variable("gamma", [channels], initializer=v1.ones_initializer())
        beta = v1.get_variable("beta", [channels], initializer=v1.zeros_initializer())
        moving_mean = v1.get_variable("moving_mean", [channels], trainable=False,
                                      initializer=v1.zeros_initializer())
        moving_variance = v1.get_variable("moving_variance", [channels], trainable=False,
                                          initializer=v1.ones_initializer())
        if not training:
            outputs, _, _ = v1.nn.fused_batch_norm(inputs, gamma, beta, mean=moving_mean,
                                                   variance=moving_variance, epsilon=epsilon,
                                                   is_training=False)
            return outputs
        outputs, batch_mean, batch_variance = v1.nn.fused_batch_norm(inputs, gamma, beta,
                                                                     epsilon=epsilon, is_training=True)
        for moving, batch in ((moving_mean, batch_mean), (moving_variance, batch_variance)):
            update = v1.assign_sub(moving, (1.0 - momentum) * (moving - batch))
            v1.add_to_collection(v1.GraphKeys.UPDATE_OPS, update)
        return outputs


def leaky_relu(inputs, alpha=0.2):
    """max(inputs, alpha * inputs): the discriminator's activation, which keeps a gradient for
    negative inputs so that the generator still learns from confidently rejected samples."""
    return tf.nn.leaky_relu(inputs, alpha=alpha)
