"""Diagnostics: the discriminator winning and samples that look alike, said in plain words on
any data, from D's outputs and the samples themselves."""
import logging

import numpy as np
import one_layer_networks
import pytest
import tensorflow as tf

from gan_tdd import GANDataset, GANModel
from gan_tdd.callbacks.diagnostics import Diagnostics, mean_nearest_distance, mean_pairwise_distance

v1 = tf.compat.v1


def model_drawing(draw):
    """A GAN on 8x8 images whose generator is `draw(noise)` plus a variable times 0 (for its
    optimizer), and whose discriminator is the suite's one dense layer."""
    def generator(noise, image_shape, training):
        unused = v1.get_variable("unused", initializer=0.0)
        return draw(noise, image_shape) + 0.0 * unused

    return GANModel(noise_dim=64, image_shape=(8, 8, 1), generator_fn=generator,
                    discriminator_fn=one_layer_networks.discriminator, seed=0)


def test_the_mean_pairwise_distance_is_worked_out_by_hand():
    """Three points on a line at 0, 3 and 4: distances 3, 4 and 1, mean 8/3."""
    assert mean_pairwise_distance(np.array([[0.0], [3.0], [4.0]])) == pytest.approx(8 / 3)


def test_samples_that_are_all_the_same_blob_are_called_alike(tiny_images, caplog):
    blob = model_drawing(lambda noise, shape: tf.zeros([tf.shape(noise)[0], *shape]) + 0.5)
    diagnostics = Diagnostics()
    with v1.Session(graph=blob.graph) as session, caplog.at_level(logging.WARNING, logger="gan_tdd"):
        blob.initialize(session)
        blob.fit(session, GANDataset(tiny_images, noise_dim=64, batch_size=4, seed=0), epochs=2,
                 callbacks=[diagnostics])

    # Not after the first epoch, when an untrained generator's samples are alike anyway.
    alike = [message for message in caplog.messages if "the samples look alike" in message]
    assert len(alike) == 1 and alike[0].startswith("epoch 2:") and "mode collapse" in alike[0]


def test_samples_as_varied_as_the_data_are_not(tiny_images, caplog):
    """A generator that draws its noise as pixels: as varied as random images."""
    varied = model_drawing(lambda noise, shape: tf.tanh(tf.reshape(noise, [-1, *shape])))
    diagnostics = Diagnostics()
    with v1.Session(graph=varied.graph) as session, caplog.at_level(logging.WARNING, logger="gan_tdd"):
        varied.initialize(session)
        varied.fit(session, GANDataset(tiny_images, noise_dim=64, batch_size=4, seed=0), epochs=1,
                   callbacks=[diagnostics])

    assert not any("look alike" in message for message in caplog.messages)


def test_a_discriminator_that_rejects_every_sample_is_called_winning(tiny_model, session, tiny_dataset, caplog):
    """Three steps whose D gave generated samples 0.01: the epoch's mean, below 0.05, is a warning."""
    diagnostics = Diagnostics()
    diagnostics.set_model(tiny_model, session, tiny_dataset)
    logs = {}
    with caplog.at_level(logging.WARNING, logger="gan_tdd"):
        for step in (1, 2, 3):
            diagnostics.on_step_end(step, {"p_fake": 0.01})
        diagnostics.on_epoch_end(0, logs)

    assert logs["mean_p_fake"] == pytest.approx(0.01)
    assert any("epoch 1: the discriminator is winning" in message for message in caplog.messages)


def test_the_mean_nearest_distance_is_worked_out_by_hand():
    """Points at 0 and 10 against a reference at 1, 4 and 12: nearest 1 and 2, mean 1.5."""
    assert mean_nearest_distance(np.array([[0.0], [10.0]]), np.array([[1.0], [4.0], [12.0]])) == pytest.approx(1.5)


def copying_model(pictures):
    """A GAN whose generator draws the given training pictures back, one per noise vector in turn."""
    def draw(noise, shape):
        return tf.gather(tf.constant(pictures), tf.range(tf.shape(noise)[0]) % len(pictures))

    return model_drawing(draw)


def test_samples_that_copy_training_pictures_are_called_copies(caplog):
    pictures = np.random.default_rng(0).uniform(-1, 1, (40, 8, 8, 1)).astype(np.float32)
    copier = copying_model(pictures)
    logs = {}
    with v1.Session(graph=copier.graph) as session, caplog.at_level(logging.WARNING, logger="gan_tdd"):
        copier.initialize(session)
        diagnostics = Diagnostics(samples=16)
        diagnostics.set_model(copier, session, GANDataset(pictures, noise_dim=64, batch_size=4, seed=0))
        diagnostics.on_epoch_end(0, logs)

    assert logs["nearest_real"] == pytest.approx(0.0, abs=1e-6)
    assert any("epoch 1: the samples copy training pictures" in message for message in caplog.messages)


def test_samples_as_far_from_the_training_pictures_as_new_ones_are_not_copies(caplog):
    """A generator that draws its noise as pixels: as far from the pictures as other random images."""
    pictures = np.tanh(np.random.default_rng(0).standard_normal((400, 8, 8, 1))).astype(np.float32)
    varied = model_drawing(lambda noise, shape: tf.tanh(tf.reshape(noise, [-1, *shape])))
    logs = {}
    with v1.Session(graph=varied.graph) as session, caplog.at_level(logging.WARNING, logger="gan_tdd"):
        varied.initialize(session)
        diagnostics = Diagnostics()
        diagnostics.set_model(varied, session, GANDataset(pictures, noise_dim=64, batch_size=4, seed=0))
        diagnostics.on_epoch_end(0, logs)

    assert logs["nearest_real"] == pytest.approx(1.0, abs=0.15)
    assert not any("copy" in message for message in caplog.messages)
