"""PointFramesCallback: the heat map is D's output at those places, the arrows are minus the
generator loss's gradient at the generated points, checked against a linear D worked by hand."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import GANDataset, GANModel
from gan_tdd.callbacks.point_frames import PointFramesCallback
from gan_tdd.data.points import ring
from gan_tdd.layers import dense
from gan_tdd.networks.packing import packed

v1 = tf.compat.v1
W = np.array([1.0, 2.0, 3.0, 4.0], np.float32)  # the linear D's weights: logit = w . input


def linear_discriminator(inputs):
    """logit = inputs . W[:width]: a D whose output and gradient are known by hand."""
    width = int(inputs.shape[-1])
    weights = v1.get_variable("w", initializer=W[:width].reshape(width, 1))
    return tf.matmul(inputs, weights)


def points_generator(noise, image_shape, training):
    return dense(noise, 2, "points")


def model_with_linear_discriminator(pack):
    return GANModel(noise_dim=2, image_shape=(2,), networks="points", generator_fn=points_generator,
                    discriminator_fn=linear_discriminator if pack == 1 else packed(linear_discriminator, pack),
                    seed=0)


@pytest.fixture(scope="module")
def linear_model():
    """The GAN with the linear D, shared by this module's tests but not finalized: each callback's
    set_model adds its arrows' ops, which change nothing another test reads (each opens a session
    of its own)."""
    return model_with_linear_discriminator(pack=1)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


@pytest.mark.parametrize("pack", [pytest.param(1, id="plain"), pytest.param(2, id="packed")])
def test_the_heat_map_is_ds_output_at_each_place(pack, linear_model, tmp_path):
    """Plain: sigmoid(x + 2y). Packed by 2, a pack of copies of (x, y): sigmoid(4x + 6y)."""
    model = linear_model if pack == 1 else model_with_linear_discriminator(pack)
    frames = PointFramesCallback(tmp_path, ring())
    points = ring().sample(8, seed=0)
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        frames.set_model(model, session, GANDataset(points, noise_dim=2, batch_size=4))
        places, outputs = frames.surface(session, cells=5)

    slope = np.array([1.0, 2.0]) if pack == 1 else np.array([1.0 + 3.0, 2.0 + 4.0])
    np.testing.assert_allclose(outputs, sigmoid(places @ slope), rtol=1e-5)


def test_the_arrows_are_minus_the_generator_losss_gradient_at_the_generated_points(linear_model, tmp_path):
    """Non-saturating: g_loss = mean softplus(-l), l = x + 2y; minus its gradient at point i is
    sigmoid(-l_i) (1, 2) / n."""
    model = linear_model
    frames = PointFramesCallback(tmp_path, ring())
    noise = np.random.default_rng(0).standard_normal((4, 2)).astype(np.float32)
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        frames.set_model(model, session, GANDataset(ring().sample(8, seed=0), noise_dim=2, batch_size=4))
        points, moves = frames.moves(session, noise)

    logits = points @ np.array([1.0, 2.0])
    np.testing.assert_allclose(moves, sigmoid(-logits)[:, None] * np.array([1.0, 2.0]) / 4, rtol=1e-4)


def test_a_frame_every_n_steps_and_a_gif_of_them_at_the_end(linear_model, tmp_path):
    """8 points in batches of 4, 3 epochs: 6 steps; frames at steps 0, 2, 4, 6."""
    model = linear_model
    frames = PointFramesCallback(tmp_path, ring(), every=2, points=8, arrows=4)
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, GANDataset(ring().sample(8, seed=0), noise_dim=2, batch_size=4, seed=0), epochs=3,
                  callbacks=[frames])

    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "progress.gif", "step-000000.png", "step-000002.png", "step-000004.png", "step-000006.png"]


def test_with_a_logdir_each_frame_is_an_image_in_tensorboard_at_its_step(linear_model, tmp_path):
    model = linear_model
    frames = PointFramesCallback(tmp_path / "frames", ring(), every=3, points=8, arrows=4, logdir=tmp_path / "tb")
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, GANDataset(ring().sample(8, seed=0), noise_dim=2, batch_size=4, seed=0), epochs=3,
                  callbacks=[frames])

    events = [event for path in sorted((tmp_path / "tb").glob("events.out.tfevents.*"))
              for event in v1.train.summary_iterator(str(path))]
    images = [(event.step, value.image.width) for event in events for value in event.summary.value
              if value.tag == "frames"]
    assert images == [(0, 804), (3, 804), (6, 804)]


def test_a_self_conditioned_ds_heat_map_reads_each_place_with_its_clusters_label(tmp_path):
    """D(x, c) needs a cluster: each place of the map gets that of its nearest data point, as a
    real point there would have; the arrows start from points drawn for the data's own clusters."""
    from gan_tdd.models import SelfConditionedGANModel

    model = SelfConditionedGANModel(noise_dim=2, image_shape=(2,), networks="points", clusters=2,
                                    generator_width=4, discriminator_width=4, seed=0)
    points = np.array([[-2.0, 0.0], [-2.1, 0.1], [2.0, 0.0], [2.1, -0.1]], np.float32)
    frames = PointFramesCallback(tmp_path, ring())
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        frames.set_model(model, session, GANDataset(points, noise_dim=2, batch_size=2, labels=np.array([0, 0, 1, 1])))
        places, outputs = frames.surface(session, cells=4)
        by_hand = session.run(model.d_real_logits, {model.real_images: places, model.labels: (places[:, 0] > 0) * 1})
        starts, moves = frames.moves(session, np.zeros((4, 2), np.float32))

    np.testing.assert_allclose(outputs, sigmoid(by_hand.ravel()), rtol=1e-5)
    assert starts.shape == moves.shape == (4, 2)
