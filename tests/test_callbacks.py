"""Callbacks: the base class's hooks, SummaryCallback's event files, LogCallback's lines."""
import logging

import tensorflow as tf

from gan_tdd import Callback, CallbackList, LogCallback, SummaryCallback

v1 = tf.compat.v1


def read_events(logdir):
    """Every event of every event file under logdir, oldest first."""
    files = sorted(str(path) for path in logdir.glob("events.out.tfevents.*"))
    return [event for path in files for event in v1.train.summary_iterator(path)]


def test_the_base_callback_does_nothing_and_fetches_nothing():
    """Every hook of Callback may be called and has no effect; fetches is None."""
    callback = Callback()

    callback.on_train_begin()
    callback.on_epoch_begin(0)
    callback.on_step_end(1, {"d_loss": 1.0, "g_loss": 1.0})
    callback.on_epoch_end(0, {})
    callback.on_train_end()

    assert callback.fetches(1) is None


def test_a_callback_list_merges_the_fetches_of_its_members():
    """Two members asking for different tensors give one dict with both."""
    class Asks(Callback):
        def __init__(self, name):
            self.name = name

        def fetches(self, step):
            return {self.name: step}

    callbacks = CallbackList([Asks("a"), Callback(), Asks("b")])

    assert callbacks.fetches(3) == {"a": 3, "b": 3}


def test_a_new_callback_is_a_few_lines(tiny_model, session, tiny_dataset):
    """A callback that keeps the generator's loss of every third step: one fetch-free hook."""
    class EveryThirdGLoss(Callback):
        def __init__(self):
            self.kept = []

        def on_step_end(self, step, logs=None):
            if step % 3 == 0:
                self.kept.append(logs["g_loss"])

    keeper = EveryThirdGLoss()

    history = tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[keeper])

    assert keeper.kept == [history["g_loss"][2], history["g_loss"][5]]


def test_summary_callback_writes_scalars_at_its_period(tiny_model, session, tiny_dataset, tmp_path):
    """Every 2 steps of a 6-step epoch: the six scalars at steps 2, 4 and 6."""
    tiny_model.fit(session, tiny_dataset, epochs=1,
                   callbacks=[SummaryCallback(tmp_path, every_n_steps=2, images_every_n_steps=100)])

    scalars = {}
    for event in read_events(tmp_path):
        for value in event.summary.value:
            if value.HasField("simple_value"):
                scalars.setdefault(value.tag, []).append(event.step)

    assert set(scalars) == {"summaries/d_loss", "summaries/d_real_loss", "summaries/d_fake_loss",
                            "summaries/g_loss", "summaries/p_real", "summaries/p_fake"}
    assert all(steps == [2, 4, 6] for steps in scalars.values())


def test_summary_callback_writes_grids_of_generated_and_real_images(tiny_model, session, tiny_dataset, tmp_path):
    """At its image period: one 8x8 grid of 8x8 images each (64x64 pixels) for both sets."""
    tiny_model.fit(session, tiny_dataset, epochs=1,
                   callbacks=[SummaryCallback(tmp_path, every_n_steps=100, images_every_n_steps=3)])

    images = [(event.step, value.tag, value.image.height, value.image.width)
              for event in read_events(tmp_path) for value in event.summary.value if value.HasField("image")]

    assert sorted(images) == [(step, f"summaries/{name}/image/0", 64, 64)
                              for step in (3, 6) for name in ("generated_images", "real_images")]


def test_summary_callback_writes_the_graph_with_one_shared_discriminator(tiny_model, session, tiny_dataset, tmp_path):
    """The event file holds the graph; its discriminator kernel exists once, used by both paths."""
    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[SummaryCallback(tmp_path)])

    graph_events = [event for event in read_events(tmp_path) if event.HasField("graph_def")]
    graph = tf.compat.v1.GraphDef.FromString(graph_events[0].graph_def)
    kernels = [node.name for node in graph.node if node.name == "discriminator/downsample_1/kernel"]

    assert len(graph_events) == 1
    assert kernels == ["discriminator/downsample_1/kernel"]


def test_log_callback_logs_one_line_per_period(tiny_model, session, tiny_dataset, caplog):
    """Every 3 steps of a 6-step epoch: two lines with the step, losses and probabilities."""
    with caplog.at_level(logging.INFO, logger="gan_tdd"):
        tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[LogCallback(every_n_steps=3)])

    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith("epoch 1 step 3: d_loss ")
    assert lines[1].startswith("epoch 1 step 6: d_loss ")
    assert all(word in lines[0] for word in ("g_loss", "p_real", "p_fake"))
