"""GANModel with other networks: the MLP, a network of your own, and one of the wrong shape."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import GANModel
from gan_tdd.layers import dense

v1 = tf.compat.v1


def small_generator(noise, image_shape, training):
    """One dense layer from noise to every pixel, squashed into [-1, 1] by tanh."""
    pixels = dense(noise, int(np.prod(image_shape)), "pixels")
    return tf.reshape(tf.tanh(pixels), [-1, *image_shape])


def small_discriminator(images):
    """One dense layer from every pixel to one logit."""
    return dense(tf.reshape(images, [-1, int(np.prod(images.shape[1:]))]), 1, "logit")


def test_a_network_of_your_own_is_a_function_from_tensors_to_tensors(tiny_images, noise):
    """Two short functions make a whole GAN: the model places them, shares D between the real and
    the fake path, and trains each network's own variables."""
    model = GANModel(noise_dim=4, image_shape=(8, 8, 1), generator_fn=small_generator,
                     discriminator_fn=small_discriminator, seed=0)

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        images = model.generate(session, noise)
        real_path = session.run(model.d_real_logits, {model.real_images: tiny_images[:3]})
        fake_path = session.run(model.d_fake_logits, {model.generated_images: tiny_images[:3]})

    assert images.shape == (3, 8, 8, 1)
    assert [v.name for v in model.generator_variables] == ["generator/pixels/kernel:0", "generator/pixels/bias:0"]
    assert [v.name for v in model.discriminator_variables] == [
        "discriminator/logit/kernel:0", "discriminator/logit/bias:0"]
    np.testing.assert_allclose(real_path, fake_path, rtol=1e-6)


def test_the_mlp_networks_plug_into_the_same_model(tiny_images, noise):
    """networks="mlp": dense layers only, the same tensors and shapes as with DCGAN."""
    model = GANModel(noise_dim=4, image_shape=(8, 8, 1), networks="mlp", generator_width=2,
                     discriminator_width=2, seed=0)

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        images = model.generate(session, noise)
        logits = session.run(model.d_real_logits, {model.real_images: tiny_images[:5]})

    assert images.shape == (3, 8, 8, 1)
    assert logits.shape == (5, 1)
    assert all("hidden" in v.name or "logit" in v.name for v in model.discriminator_variables)


def flat_generator(noise, image_shape, training):
    """Forgets to reshape: (batch, 64) instead of (batch, 8, 8, 1)."""
    return tf.tanh(dense(noise, int(np.prod(image_shape)), "pixels"))


def unkept_dimension_discriminator(images):
    """Sums away the logit's dimension: (batch,) instead of (batch, 1)."""
    return tf.reduce_sum(small_discriminator(images), axis=1)


@pytest.mark.parametrize("arguments, message", [
    pytest.param({"generator_fn": flat_generator},
                 "generator_fn flat_generator must return a tensor of shape (batch, 8, 8, 1), got (None, 64)",
                 id="generator_without_its_reshape"),
    pytest.param({"discriminator_fn": unkept_dimension_discriminator},
                 "discriminator_fn unkept_dimension_discriminator must return a tensor of shape (batch, 1), "
                 "got (None,)", id="discriminator_without_keepdims"),
])
def test_a_network_with_the_wrong_output_shape_is_refused_while_building(arguments, message):
    """The mistake is named with the function and the shape it must make, before any training."""
    with pytest.raises(ValueError) as error:
        GANModel(noise_dim=4, image_shape=(8, 8, 1), **arguments)

    assert str(error.value) == message


def test_a_network_argument_that_is_not_a_function_is_refused():
    """Passing a network's output instead of the network: a TypeError that says what is wanted."""
    with pytest.raises(TypeError, match="generator_fn must be a function from tensors to tensors, got str"):
        GANModel(noise_dim=4, image_shape=(8, 8, 1), generator_fn="dcgan")
