"""The generator and discriminator as functions from tensors to tensors."""
import numpy as np
import tensorflow as tf

from gan_tdd.networks import discriminator, generator

v1 = tf.compat.v1


def test_generator_turns_each_noise_vector_into_one_image_in_minus_one_to_one():
    """Five noise vectors give five 28x28x1 images whose pixels lie in [-1, 1] (tanh)."""
    with tf.Graph().as_default():
        images = generator(tf.random.normal([5, 100]), (28, 28, 1), width=8, training=True)
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            values = session.run(images)

    assert values.shape == (5, 28, 28, 1)
    assert values.min() >= -1 and values.max() <= 1


def test_discriminator_gives_one_logit_per_image():
    """Seven images in give a (7, 1) tensor of logits out."""
    with tf.Graph().as_default():
        logits = discriminator(tf.zeros([7, 28, 28, 1]), width=8)
        with v1.Session() as session:
            session.run(v1.global_variables_initializer())
            values = session.run(logits)

    assert values.shape == (7, 1)
    assert np.all(np.isfinite(values))
