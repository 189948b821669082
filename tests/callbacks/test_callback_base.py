"""Callback and CallbackList: the hooks fit calls, in order, and what each one receives."""
import pytest

from gan_tdd import Callback, CallbackList, SampleGridCallback, SummaryCallback


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


def test_a_callback_that_keeps_every_third_loss_is_a_few_lines(tiny_model, session, tiny_dataset):
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


class Recorder(Callback):
    """Writes down every hook fit calls, with a copy of the logs it receives at that moment."""

    def __init__(self):
        self.calls = []

    def _record(self, name, logs):
        self.calls.append((name, logs if logs is None else dict(logs)))

    def set_params(self, params):
        super().set_params(params)
        self.calls.append(("set_params", params))

    def on_train_begin(self, logs=None):
        self._record("on_train_begin", logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._record("on_epoch_begin", logs)

    def on_step_end(self, step, logs=None):
        self._record("on_step_end", logs)

    def on_epoch_end(self, epoch, logs=None):
        self._record("on_epoch_end", logs)

    def on_train_end(self, logs=None):
        self._record("on_train_end", logs)


def test_fit_tells_callbacks_its_parameters_before_training_begins(tiny_model, session, tiny_dataset):
    """Twelve images in batches of 2 at k=2: three steps an epoch, known before the first hook."""
    recorder = Recorder()

    tiny_model.fit(session, tiny_dataset, epochs=2, k_steps=2, callbacks=[recorder])

    assert recorder.calls[0] == ("set_params", {"epochs": 2, "k_steps": 2, "steps_per_epoch": 3,
                                                "batch_size": 2})
    assert recorder.params == recorder.calls[0][1]
    assert recorder.calls[1][0] == "on_train_begin"


def test_every_hook_receives_a_dict_of_logs_never_none(tiny_model, session, tiny_dataset):
    """Hooks with nothing to say get an empty dict, so `logs.get(...)` and `"x" in logs` always work."""
    recorder = Recorder()

    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[recorder])

    hooks = [(name, logs) for name, logs in recorder.calls if name != "set_params"]
    assert all(isinstance(logs, dict) for _, logs in hooks)
    assert dict(hooks)["on_train_begin"] == {} and dict(hooks)["on_train_end"] == {}


def test_what_a_callback_adds_to_an_epochs_logs_the_callbacks_after_it_read(tiny_model, session, tiny_dataset):
    """One logs dict goes down the list: a later callback sees the figure, an earlier one never does."""
    class AddsAFigure(Callback):
        def on_epoch_end(self, epoch, logs):
            logs["figure"] = 42.0

    before, after = Recorder(), Recorder()

    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[before, AddsAFigure(), after])

    assert "figure" not in dict(before.calls)["on_epoch_end"]
    assert dict(after.calls)["on_epoch_end"]["figure"] == 42.0


def test_a_step_that_raises_still_ends_training_for_every_callback_then_raises_again(
        tiny_model, session, tiny_dataset, tmp_path):
    """on_train_end hears of the error: event files are closed and whole, no final grid is drawn."""
    class BreakAtStepTwo(Callback):
        def on_step_end(self, step, logs):
            if step == 2:
                raise RuntimeError("broken")

    recorder, summaries = Recorder(), SummaryCallback(tmp_path / "events", every_n_steps=1)
    grids = SampleGridCallback(tmp_path / "samples", noise=tiny_dataset.next_noise())

    with pytest.raises(RuntimeError, match="broken"):
        tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[recorder, summaries, grids, BreakAtStepTwo()])

    name, logs = recorder.calls[-1]
    assert name == "on_train_end" and str(logs["exception"]) == "broken"
    assert summaries.writer.event_writer._closed  # closed, so every event written is on disk
    assert not (tmp_path / "samples" / "final.png").exists()


def test_a_callback_builds_its_ops_in_set_model_with_no_graph_to_name(tiny_model_of_its_own, tiny_dataset):
    """set_model runs with the model's graph as the default: a tensor made there is in the model's
    graph, and the callback fetches it on the steps, with no `graph.as_default()` of its own."""
    import tensorflow as tf

    from gan_tdd import Callback

    class MeanRealLogit(Callback):
        def set_model(self, model, session, dataset=None):
            super().set_model(model, session, dataset)
            self.default_graph = tf.compat.v1.get_default_graph()  # where ops with no input land
            self.mean_logit = tf.reduce_mean(model.d_real_logits)
            self.seen = []

        def fetches(self, step):
            return {"mean_real_logit": self.mean_logit}

        def on_step_end(self, step, logs=None):
            self.seen.append(logs["mean_real_logit"])

    model, callback = tiny_model_of_its_own, MeanRealLogit()
    # A session opened without `with`, which makes no graph the default one.
    session = tf.compat.v1.Session(graph=model.graph)
    model.initialize(session)
    model.fit(session, tiny_dataset, epochs=1, callbacks=[callback])
    session.close()

    assert callback.default_graph is model.graph and callback.mean_logit.graph is model.graph
    assert len(callback.seen) == 6 and all(isinstance(value, float) for value in callback.seen)
