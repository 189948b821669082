"""Modes covered and the high-quality share of generated points, against hand-counted sets."""
import numpy as np
import pytest

from gan_tdd.data.points import GaussianMixture, ring
from gan_tdd.evaluation.points import point_metrics

# Two modes, std 0.1: "close" means within 0.3 of a centre.
PAIR = GaussianMixture("pair", [(0, 0), (10, 0)], 0.1)


def test_a_mode_counts_when_one_percent_of_the_points_lie_within_three_standard_deviations():
    """100 points: 98 at mode 0, 1 within 0.29 of mode 1 (1%: covered), 1 far from both."""
    points = np.array([(0.0, 0.0)] * 98 + [(10.29, 0.0), (5.0, 5.0)])

    metrics = point_metrics(points, PAIR)

    assert metrics["modes_covered"] == 2 and metrics["modes"] == 2
    assert metrics["high_quality_share"] == pytest.approx(0.99)
    assert metrics["mode_shares"] == pytest.approx([0.98, 0.01])


def test_points_just_beyond_three_standard_deviations_are_neither_high_quality_nor_cover_a_mode():
    points = np.array([(0.0, 0.0)] * 90 + [(10.31, 0.0)] * 10)

    metrics = point_metrics(points, PAIR)

    assert metrics["modes_covered"] == 1 and metrics["high_quality_share"] == pytest.approx(0.9)


def test_the_data_itself_covers_every_mode_with_nearly_every_point():
    """Within 3 std in 2-D: 1 - exp(-9/2) = 98.9% of a Gaussian's points."""
    mixture = ring()

    metrics = point_metrics(mixture.sample(2500, seed=0), mixture)

    assert metrics["modes_covered"] == 8
    assert metrics["high_quality_share"] == pytest.approx(1 - np.exp(-4.5), abs=0.006)


def test_a_collapsed_generator_covers_one_mode():
    mixture = ring()

    metrics = point_metrics(np.repeat(mixture.centres[:1], 2500, axis=0), mixture)

    assert metrics["modes_covered"] == 1 and metrics["high_quality_share"] == 1.0


def test_the_evaluation_callback_adds_the_point_figures_to_each_epochs_logs():
    """A generator that draws one centre of the ring, whatever the noise: 1 mode, every point close."""
    import tensorflow as tf

    from gan_tdd import Callback, GANDataset, GANModel
    from gan_tdd.evaluation.points import PointEvaluationCallback

    mixture = ring()

    def one_centre(noise, image_shape, training):
        unused = tf.compat.v1.get_variable("unused", initializer=0.0)  # for the optimizer to hold
        return tf.zeros_like(noise[:, :2]) + mixture.centres[0].astype(np.float32) + 0.0 * unused

    class Seen(Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.logs = dict(logs)

    model = GANModel(noise_dim=2, image_shape=(2,), networks="points", generator_fn=one_centre,
                     generator_width=4, discriminator_width=4, seed=0)
    evaluation, seen = PointEvaluationCallback(mixture, count=100), Seen()
    with tf.compat.v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, GANDataset(mixture.sample(8, seed=0), noise_dim=2, batch_size=4), epochs=1,
                  callbacks=[evaluation, seen])

    assert seen.logs["modes_covered"] == 1 and seen.logs["high_quality_share"] == 1.0
    assert evaluation.history[0]["mode_shares"][0] == 1.0


def test_the_jensen_shannon_divergence_of_points_far_from_the_data_is_log_2():
    from gan_tdd.evaluation.points import jensen_shannon

    assert jensen_shannon(ring(), np.full((500, 2), 10.0)) == pytest.approx(np.log(2), abs=1e-6)


def test_a_generator_that_draws_one_mode_of_eight_is_half_a_nat_from_the_ring():
    """p_g = N_1 against p_data = (N_1 + ... + N_8) / 8, by hand: with M = (p_data + p_g) / 2,
    JSD = (KL(p_data || M) + KL(p_g || M)) / 2 = (log(2/9) / 8 + 7 log(2) / 8 + log(16/9)) / 2."""
    from gan_tdd.evaluation.points import jensen_shannon

    mixture = ring()
    one_mode = mixture.centres[0] + mixture.std * np.random.default_rng(0).standard_normal((1000, 2))
    by_hand = (np.log(2 / 9) / 8 + 7 * np.log(2) / 8 + np.log(16 / 9)) / 2

    assert jensen_shannon(mixture, one_mode) == pytest.approx(by_hand, abs=0.02)


def test_a_generator_that_draws_the_data_is_near_zero():
    from gan_tdd.evaluation.points import jensen_shannon

    mixture = ring()

    assert 0 <= jensen_shannon(mixture, mixture.sample(1000, seed=1)) < 0.02


def test_the_optimal_discriminator_says_real_on_the_data_and_generated_on_the_generators_points():
    """Generated points all at (10, 10): D* is 1 at every mode, 0 at (10, 10), 0.5 where neither has mass."""
    from gan_tdd.evaluation.points import optimal_discriminator

    mixture = ring()
    places = np.concatenate([mixture.centres, [[10.0, 10.0], [-30.0, 30.0]]])

    optimal = optimal_discriminator(places, mixture, np.full((100, 2), 10.0))

    np.testing.assert_allclose(optimal, [1.0] * 8 + [0.0, 0.5], atol=1e-9)
