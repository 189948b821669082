"""SummaryCallback: the graph, the scalars and the image grids in TensorBoard's event files."""
import tensorflow as tf

from gan_tdd import SummaryCallback

v1 = tf.compat.v1


def read_events(logdir):
    """Every event of every event file under logdir, oldest first."""
    files = sorted(str(path) for path in logdir.glob("events.out.tfevents.*"))
    return [event for path in files for event in v1.train.summary_iterator(path)]


def test_summary_callback_writes_scalars_at_its_period(tiny_model, session, tiny_dataset, tmp_path):
    """Every 2 steps of a 6-step epoch: the eight scalars at steps 2, 4 and 6."""
    tiny_model.fit(session, tiny_dataset, epochs=1,
                   callbacks=[SummaryCallback(tmp_path, every_n_steps=2, images_every_n_steps=100)])

    scalars = {}
    for event in read_events(tmp_path):
        for value in event.summary.value:
            if value.HasField("simple_value"):
                scalars.setdefault(value.tag, []).append(event.step)

    assert set(scalars) == {"summaries/d_loss", "summaries/d_real_loss", "summaries/d_fake_loss",
                            "summaries/g_loss", "summaries/p_real", "summaries/p_fake",
                            "summaries/d_gradient_norm", "summaries/g_gradient_norm"}
    assert all(steps == [2, 4, 6] for steps in scalars.values())


def test_summary_callback_writes_grids_of_generated_and_real_images(tiny_model, session, tiny_dataset, tmp_path):
    """At its image period: one 8x8 grid of 8x8 images each (64x64 pixels) for both sets."""
    tiny_model.fit(session, tiny_dataset, epochs=1,
                   callbacks=[SummaryCallback(tmp_path, every_n_steps=100, images_every_n_steps=3)])

    images = [(event.step, value.tag, value.image.height, value.image.width)
              for event in read_events(tmp_path) for value in event.summary.value if value.HasField("image")]

    assert sorted(images) == [(step, f"summaries/{name}/image/0", 64, 64)
                              for step in (3, 6) for name in ("generated_images", "real_images")]


def test_summary_callback_writes_the_graph_with_one_shared_discriminator(tiny_dcgan_model, tiny_dataset, tmp_path):
    """The event file holds the graph; its discriminator kernel exists once, used by both paths."""
    with tf.compat.v1.Session(graph=tiny_dcgan_model.graph) as session:
        tiny_dcgan_model.initialize(session)
        tiny_dcgan_model.fit(session, tiny_dataset, epochs=1, callbacks=[SummaryCallback(tmp_path)])

    graph_events = [event for event in read_events(tmp_path) if event.HasField("graph_def")]
    graph = tf.compat.v1.GraphDef.FromString(graph_events[0].graph_def)
    kernels = [node.name for node in graph.node if node.name == "discriminator/downsample_1/kernel"]

    assert len(graph_events) == 1
    assert kernels == ["discriminator/downsample_1/kernel"]


def test_a_second_fit_into_the_same_directory_keeps_the_first_ones_events(tiny_model, session, tiny_dataset, tmp_path):
    """A resumed run writes a new event file beside the old one, even within the same second, so
    TensorBoard shows steps 1-6 and 7-12 (TensorFlow names event files by the second alone)."""
    for _ in range(2):
        tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[SummaryCallback(tmp_path, every_n_steps=1)])

    steps = sorted(event.step for event in read_events(tmp_path)
                   for value in event.summary.value if value.tag == "summaries/g_loss")
    assert steps == list(range(1, 13))


def test_a_model_of_points_gets_its_scalars_and_no_image_grid(tmp_path):
    """Points have no image grid to show: the scalars are written, and nothing breaks at the image period."""
    import numpy as np

    from gan_tdd import GANDataset, GANModel

    model = GANModel(noise_dim=2, image_shape=(2,), networks="points", generator_width=4, discriminator_width=4,
                     seed=0)
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, GANDataset(np.zeros((4, 2), np.float32), noise_dim=2, batch_size=2), epochs=1,
                  callbacks=[SummaryCallback(tmp_path, every_n_steps=1, images_every_n_steps=1)])

    values = [value for event in read_events(tmp_path) for value in event.summary.value]
    assert any(value.tag == "summaries/g_loss" for value in values)
    assert not any(value.HasField("image") for value in values)
