"""Learning, not just running, with each loss family and each built-in network: samples move
toward the data.

Every 8x8 image is the same left-bright, right-dark pattern plus a little noise; an untrained
generator's mean sample sits far from it, and a few hundred steps must bring it at least three
times closer (mean absolute pixel distance of the mean sample to the pattern).
"""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import GANDataset, GANModel

pytestmark = pytest.mark.slow(reason="each test trains a GAN for a few hundred steps")

v1 = tf.compat.v1

PATTERN = np.broadcast_to(np.where(np.arange(8) < 4, 0.8, -0.8).astype(np.float32)[None, None, :, None],
                          (1, 8, 8, 1))


def distance_to_pattern_before_and_after_training(epochs, k_steps=1, **arguments):
    """Mean absolute pixel distance of the mean of 64 samples to the pattern, before and after."""
    images = np.clip(PATTERN + np.random.default_rng(0).normal(0, 0.05, (256, 8, 8, 1)), -1, 1)
    model = GANModel(noise_dim=8, image_shape=(8, 8, 1), generator_width=8, discriminator_width=8,
                     d_learning_rate=1e-3, g_learning_rate=1e-3, seed=0, **arguments)
    dataset = GANDataset(images.astype(np.float32), noise_dim=8, batch_size=16, seed=0)
    fixed_noise = np.random.default_rng(1).standard_normal((64, 8)).astype(np.float32)

    def distance(session):
        return float(np.abs(model.generate(session, fixed_noise).mean(axis=0) - PATTERN[0]).mean())

    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        before = distance(session)
        model.fit(session, dataset, epochs=epochs, k_steps=k_steps)
        return before, distance(session)


# Each family with the settings its paper uses where they matter: the Wasserstein critics take
# five updates per generator update (16 batches an epoch: 3 steps, so 60 epochs are 180 steps),
# and WGAN-GP's Adam forgets its first moment (beta1 0) and keeps a short second one (beta2 0.9).
@pytest.mark.parametrize("arguments", [
    pytest.param({"epochs": 19}, id="non_saturating"),
    pytest.param({"loss": "minimax", "epochs": 19}, id="minimax"),
    pytest.param({"loss": "least-squares", "epochs": 19}, id="least_squares"),
    pytest.param({"loss": "hinge", "epochs": 19}, id="hinge"),
    pytest.param({"loss": "wasserstein", "epochs": 60, "k_steps": 5}, id="wasserstein"),
    pytest.param({"loss": "wasserstein-gp", "epochs": 60, "k_steps": 5, "beta1": 0.0, "beta2": 0.9},
                 id="wasserstein_gp"),
    pytest.param({"networks": "mlp", "epochs": 19}, id="mlp_networks"),
])
def test_a_small_gan_moves_its_samples_toward_the_data(arguments):
    """A few hundred generator updates bring the mean sample at least three times closer to the pattern."""
    before, after = distance_to_pattern_before_and_after_training(**arguments)

    assert before > 0.5
    assert after < before / 3


def test_a_gan_on_the_ring_learns_all_eight_modes_and_keeps_its_points_on_them():
    """From a cloud at the centre (no mode covered) to every mode of the ring covered and most
    points within 3 standard deviations of one: 2,000 steps of the points preset's networks."""
    from gan_tdd.data.points import ring
    from gan_tdd.evaluation.points import point_metrics

    mixture = ring()
    dataset = GANDataset(mixture.sample(25600, seed=0), noise_dim=2, batch_size=256, seed=0)
    model = GANModel(noise_dim=2, image_shape=(2,), networks="points", generator_width=128,
                     discriminator_width=128, d_learning_rate=1e-3, g_learning_rate=1e-3, seed=0,
                     decay_steps=2000)
    noise = np.random.default_rng(1).standard_normal((2500, 2)).astype(np.float32)
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        before = point_metrics(model.generate(session, noise), mixture)
        model.fit(session, dataset, epochs=20)
        after = point_metrics(model.generate(session, noise), mixture)

    assert before["modes_covered"] == 0
    assert after["modes_covered"] == 8 and after["high_quality_share"] > 0.8
