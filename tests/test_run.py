"""TrainingRun: what `python main.py` gives a run (its directory, checkpoints and resume, Ctrl-C,
grids, summaries, train.log, the NaN guard), for a script that brings its own model, data and
callbacks."""
import json
import math
import signal

import numpy as np
import pytest

from gan_tdd import Callback, GANDataset, GANModel, TrainingRun


class EpochRecorder(Callback):
    """Keeps the epochs it saw end, with the run's own logs."""

    def __init__(self):
        self.epochs = []

    def on_epoch_end(self, epoch, logs=None):
        self.epochs.append((epoch, sorted(logs)))


class CtrlCAt(Callback):
    """Presses Ctrl-C at the end of step `step`."""

    def __init__(self, step):
        self.step = step

    def on_step_end(self, step, logs=None):
        if step == self.step:
            signal.raise_signal(signal.SIGINT)


@pytest.fixture
def build(tiny_arguments):
    """A new tiny model, as a script (or its next process) builds it."""
    return lambda: GANModel(**tiny_arguments)


@pytest.fixture(scope="module")
def model(tiny_arguments):
    """A tiny model shared by this module's runs but not finalized: each run adds a Checkpointer's
    Saver to its graph, which changes nothing another run reads (each opens a session of its own,
    its variables started afresh)."""
    return GANModel(**tiny_arguments)


def test_a_run_leaves_checkpoints_grids_events_and_a_log_in_its_directory_and_calls_your_callback(
        model, tiny_dataset, tmp_path):
    """Two epochs of six steps: your callback sees both (numbered from 0, as in Keras), with the
    run's logs; the rest is on disk."""
    yours = EpochRecorder()

    with TrainingRun(model, tiny_dataset, tmp_path / "mine", callbacks=[yours], log_every=6) as run:
        result = run.fit(epochs=2)

    directory = tmp_path / "mine"
    assert (result.status, result.step, result.epochs_done, result.resumed_from) == ("done", 12, 2, None)
    assert [epoch for epoch, _ in yours.epochs] == [0, 1] and "d_loss" in yours.epochs[0][1]
    assert sorted(path.name for path in (directory / "checkpoints").glob("*.index")) == [
        "model-12.index", "model-6.index"]
    assert sorted(path.name for path in (directory / "samples").iterdir()) == [
        "epoch-001.png", "epoch-002.png", "final.png", "progress.gif"]
    assert list(directory.glob("events.out.tfevents.*"))
    assert "epoch 2 step 12: d_loss " in (directory / "train.log").read_text()


@pytest.mark.slow(reason="restores into a second model, as a resumed process builds one")
def test_a_second_run_in_the_same_directory_resumes_and_trains_up_to_the_new_total(build, tiny_images, tmp_path):
    """Like Keras' epochs with BackupAndRestore: `epochs` is the total, and a run that finds a
    checkpoint carries on from it, with the same fixed noise behind its grids."""
    dataset = lambda: GANDataset(tiny_images, noise_dim=4, batch_size=2, seed=0)  # noqa: E731
    with TrainingRun(build(), dataset(), tmp_path) as run:
        run.fit(epochs=1)
    noise = np.load(tmp_path / "fixed_noise.npy")

    said = []
    with TrainingRun(build(), dataset(), tmp_path, say=said.append) as run:
        result = run.fit(epochs=3)

    assert (result.status, result.step, result.epochs_done) == ("done", 18, 3)
    assert result.resumed_from.endswith("model-6") and said[-1] == f"resumed from {result.resumed_from}"
    np.testing.assert_array_equal(np.load(tmp_path / "fixed_noise.npy"), noise)


def test_ctrl_c_stops_after_the_step_with_a_checkpoint_of_it(model, tiny_dataset, tmp_path):
    with TrainingRun(model, tiny_dataset, tmp_path, callbacks=[CtrlCAt(step=4)]) as run:
        result = run.fit(epochs=2)

    assert (result.status, result.step, result.epochs_done) == ("stopped", 4, 0)
    assert (tmp_path / "checkpoints" / "model-4.index").is_file()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_loss_that_becomes_nan_ends_the_run_diverged_and_saves_nothing_after_it(model, tiny_images, tmp_path):
    """Images of NaN past GANDataset's own check, as a bug in a data pipeline would make them."""
    dataset = GANDataset(tiny_images, noise_dim=4, batch_size=2, seed=0)
    dataset.images[:] = np.nan

    with TrainingRun(model, dataset, tmp_path) as run:
        result = run.fit(epochs=1)

    assert (result.status, result.step) == ("diverged", 1)
    assert "d_loss became nan at step 1" in result.message
    assert not list((tmp_path / "checkpoints").glob("*.index"))


def test_a_model_of_points_gets_no_grid_unless_you_give_it_pictures(tmp_path):
    """A grid draws images; points have gan_tdd.callbacks.point_frames, given as `pictures`."""
    points = np.random.default_rng(0).normal(size=(8, 2)).astype(np.float32)
    model = GANModel(noise_dim=2, image_shape=(2,), networks="points", generator_width=4, discriminator_width=4)

    with TrainingRun(model, GANDataset(points, noise_dim=2, batch_size=4), tmp_path) as run:
        assert run.fit(epochs=1).status == "done"

    assert not (tmp_path / "samples").exists()


@pytest.mark.parametrize("arguments, message", [
    pytest.param({"callbacks": [print]}, "callbacks must be gan_tdd.Callback instances, got builtin_function_or_method",
                 id="a_callback_that_is_not_one"),
    pytest.param({"log_every": 0}, "log_every must be an integer >= 1, got 0", id="log_every_of_0"),
    pytest.param({"summary_every": 1.5}, "summary_every must be an integer >= 1, got 1.5", id="fractional_period"),
])
def test_bad_arguments_are_one_line_that_names_them_before_anything_is_made(tiny_model, tiny_dataset, tmp_path,
                                                                           arguments, message):
    with pytest.raises(ValueError, match="^" + message.replace(".", r"\.") + "$"):
        TrainingRun(tiny_model, tiny_dataset, tmp_path / "run", **arguments)

    assert not (tmp_path / "run").exists()


def test_a_directory_that_is_a_file_is_refused_by_name(tiny_model, tiny_dataset, tmp_path):
    (tmp_path / "taken").write_text("a file")

    with pytest.raises(ValueError, match="^directory .*taken is a file; a run needs a directory of its own$"):
        TrainingRun(tiny_model, tiny_dataset, tmp_path / "taken")


def test_the_run_reports_its_figures_as_plain_numbers(model, tiny_dataset, tmp_path):
    """What fit returns, plus where the run stands: JSON-ready."""
    with TrainingRun(model, tiny_dataset, tmp_path) as run:
        result = run.fit(epochs=1)

    assert json.loads(json.dumps(result.history))["d_loss"][0] == result.history["d_loss"][0]
    assert len(result.history["g_loss"]) == 6 and all(math.isfinite(loss) for loss in result.history["g_loss"])


class RaisesAtTheStart(Callback):
    """A callback of yours with a bug: it raises as training begins, before fit's first step."""

    def on_train_begin(self, logs=None):
        raise RuntimeError("a bug in your callback")


def test_a_callback_that_raises_ends_the_run_with_its_error_and_gives_ctrl_c_back(model, tiny_dataset, tmp_path):
    """Ctrl-C's handler started in on_train_begin, before yours raised there: it is given back."""
    with TrainingRun(model, tiny_dataset, tmp_path, callbacks=[RaisesAtTheStart()]) as run:
        with pytest.raises(RuntimeError, match="a bug in your callback"):
            run.fit(epochs=1)

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_run_says_which_device_it_trains_on(model, tiny_dataset, tmp_path, monkeypatch):
    """TensorFlow places the graph on a GPU when there is one, with no flag; the run says which."""
    from gan_tdd.quiet_tensorflow import tf

    monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: [])
    said = []
    with TrainingRun(model, tiny_dataset, tmp_path / "cpu", say=said.append) as run:
        run.open()
    gpu = tf.config.PhysicalDevice(name="/physical_device:GPU:0", device_type="GPU")
    monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: [gpu] if kind == "GPU" else [])
    monkeypatch.setattr(tf.config.experimental, "get_device_details", lambda device: {"device_name": "NVIDIA H200"})
    with TrainingRun(model, tiny_dataset, tmp_path / "gpu", say=said.append) as run:
        run.open()

    assert said == ["device: CPU (TensorFlow finds no GPU)", "device: GPU 0, NVIDIA H200"]
