"""fit: k discriminator updates per generator update, epochs, history, callbacks, learning."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import Callback, GANDataset, GANModel

v1 = tf.compat.v1


class RecordingCallback(Callback):
    """Writes down every hook call, in order."""

    def __init__(self):
        self.calls = []

    def on_train_begin(self, logs=None):
        self.calls.append("train_begin")

    def on_epoch_begin(self, epoch, logs=None):
        self.calls.append(f"epoch_begin {epoch}")

    def on_step_end(self, step, logs=None):
        self.calls.append(f"step_end {step}")

    def on_epoch_end(self, epoch, logs=None):
        self.calls.append(f"epoch_end {epoch}")

    def on_train_end(self, logs=None):
        self.calls.append("train_end")


@pytest.mark.parametrize("k_steps", [pytest.param(1, id="one_d_update_per_g_update"), pytest.param(3, id="three_d_updates_per_g_update")])
def test_fit_runs_k_discriminator_updates_per_generator_update(tiny_model, session, tiny_dataset, k_steps):
    """The step counters show exactly k D updates for each G update, over whole epochs."""
    tiny_model.fit(session, tiny_dataset, epochs=2, k_steps=k_steps)

    d_steps, g_steps = session.run([tiny_model.d_step, tiny_model.g_step])
    assert g_steps == 2 * (6 // k_steps)
    assert d_steps == k_steps * g_steps


def test_fit_returns_one_d_loss_and_one_g_loss_per_step_as_plain_floats(tiny_model, session, tiny_dataset):
    """Two epochs of six steps give twelve finite Python floats in each history list."""
    history = tiny_model.fit(session, tiny_dataset, epochs=2)

    assert len(history["d_loss"]) == len(history["g_loss"]) == 12
    assert all(type(value) is float and np.isfinite(value) for value in history["d_loss"] + history["g_loss"])


def test_a_second_fit_continues_the_step_and_epoch_numbers(tiny_model, session, tiny_dataset):
    """fit(epochs=1) twice numbers its epochs 0 then 1 and its steps 1..6 then 7..12."""
    first, second = RecordingCallback(), RecordingCallback()

    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[first])
    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[second])

    assert first.calls[1] == "epoch_begin 0" and first.calls[-3] == "step_end 6"
    assert second.calls[1] == "epoch_begin 1" and second.calls[2] == "step_end 7"
    assert session.run(tiny_model.epoch) == 2


def test_callbacks_are_called_in_the_documented_order(tiny_model, session, tiny_dataset):
    """train_begin, then per epoch: epoch_begin, a step_end per step, epoch_end; then train_end."""
    recorder = RecordingCallback()

    tiny_model.fit(session, tiny_dataset, epochs=1, k_steps=2, callbacks=[recorder])

    assert recorder.calls == ["train_begin", "epoch_begin 0", "step_end 1", "step_end 2",
                              "step_end 3", "epoch_end 0", "train_end"]


def test_a_callback_can_fetch_a_tensor_on_the_training_step_itself(tiny_model, session, tiny_dataset):
    """What fetches(step) asks for arrives in on_step_end's logs, on the steps it asked."""
    seen = {}

    class PRealEveryOtherStep(Callback):
        def fetches(self, step):
            return {"p_real": self.model.p_real} if step % 2 == 0 else None

        def on_step_end(self, step, logs=None):
            seen[step] = logs.get("p_real")

    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[PRealEveryOtherStep()])

    assert [step for step, value in seen.items() if value is not None] == [2, 4, 6]
    assert all(0 < seen[step] < 1 and type(seen[step]) is float for step in (2, 4, 6))


def test_a_fetch_named_like_a_value_fit_reports_never_replaces_it(tiny_model, session, tiny_dataset):
    """A callback that fetches g_loss under the name d_loss: the logs and the history keep the
    discriminator update's own d_loss."""
    seen = []

    class MisnamedFetch(Callback):
        def fetches(self, step):
            return {"d_loss": self.model.g_loss, "g_loss_again": self.model.g_loss}

        def on_step_end(self, step, logs=None):
            seen.append((logs["d_loss"], logs["g_loss_again"]))

    history = tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[MisnamedFetch()])

    assert [d_loss for d_loss, _ in seen] == history["d_loss"]
    assert all(d_loss != g_loss for d_loss, g_loss in seen)


def test_a_fetched_discriminator_scalar_is_the_value_of_the_steps_own_discriminator_update(
        tiny_model, session, tiny_dataset):
    """d_loss fetched by a callback is the very d_loss fit reports, not D's loss computed again
    after its update; with k 2, that of the step's second discriminator update."""
    seen = []

    class FetchDLoss(Callback):
        def fetches(self, step):
            return {"fetched_d_loss": self.model.d_loss, "fetched_p_real": self.model.p_real}

        def on_step_end(self, step, logs=None):
            seen.append((logs["fetched_d_loss"], logs["d_loss"]))

    tiny_model.fit(session, tiny_dataset, epochs=1, k_steps=2, callbacks=[FetchDLoss()])

    assert len(seen) == 3 and all(fetched == reported for fetched, reported in seen)
    assert set(tiny_model.discriminator_scalars) == {"d_loss", "d_real_loss", "d_fake_loss", "p_real", "p_fake",
                                                     "d_gradient_norm"}


@pytest.fixture
def decaying_model(tiny_model_with):
    """The tiny model with learning rates falling to 0 over 12 steps (two epochs of the tiny dataset)."""
    return tiny_model_with(decay_steps=12)


class Record(Callback):
    """Keeps each step's losses and learning-rate factor; stops after `stop_at` steps, if given."""

    def __init__(self, stop_at=None):
        self.stop_at = stop_at
        self.steps = []

    def fetches(self, step):
        return {"learning_rate_factor": self.model.learning_rate_factor}

    def on_step_end(self, step, logs=None):
        self.steps.append((step, logs["d_loss"], logs["g_loss"], logs["learning_rate_factor"]))
        if step == self.stop_at:
            self.model.stop_training = True


def test_a_run_stopped_in_the_middle_of_an_epoch_and_resumed_takes_the_steps_it_planned(decaying_model, tiny_images):
    """Stopped at step 4 of a 6-step epoch and fit again for its 2 epochs, with a dataset made
    anew as a new process makes it: steps 5 to 12 follow, with the batches, noise and learning
    rates of a run that never stopped, so that its losses are the same step for step."""
    def fresh_dataset():
        return GANDataset(tiny_images, noise_dim=4, batch_size=2, seed=0)

    uninterrupted, first_part, second_part = Record(), Record(stop_at=4), Record()
    with v1.Session(graph=decaying_model.graph) as session:
        decaying_model.initialize(session)
        decaying_model.fit(session, fresh_dataset(), epochs=2, callbacks=[uninterrupted])
    with v1.Session(graph=decaying_model.graph) as session:
        decaying_model.initialize(session)
        decaying_model.fit(session, fresh_dataset(), epochs=2, callbacks=[first_part])
        decaying_model.fit(session, fresh_dataset(), epochs=2, callbacks=[second_part])
        last_step = session.run(decaying_model.g_step)

    resumed = first_part.steps + second_part.steps
    assert [step for step, *_ in resumed] == list(range(1, 13)) and last_step == 12
    np.testing.assert_allclose([values for _, *values in resumed], [values for _, *values in uninterrupted.steps],
                               rtol=1e-5)
    assert resumed[-1][3] == pytest.approx(1 / 12)  # the last update's rate: 1 - 11/12 of its value


def test_setting_stop_training_ends_fit_after_the_current_step(tiny_model, session, tiny_dataset):
    """A callback that stops at step 4 leaves g_step at 4, and the unfinished epoch uncounted."""
    class StopAtFour(Callback):
        def on_step_end(self, step, logs=None):
            if step == 4:
                self.model.stop_training = True

    history = tiny_model.fit(session, tiny_dataset, epochs=3, callbacks=[StopAtFour()])

    assert len(history["g_loss"]) == 4
    assert session.run([tiny_model.g_step, tiny_model.epoch]) == [4, 0]


def test_stopping_on_an_epochs_last_step_counts_that_epoch_as_done(tiny_model, session, tiny_dataset):
    """Stopped at step 6 of a 6-step epoch: the epoch counter says 1, so a resume starts epoch 2."""
    class StopAtSix(Callback):
        def on_step_end(self, step, logs=None):
            self.model.stop_training = step == 6

    tiny_model.fit(session, tiny_dataset, epochs=3, callbacks=[StopAtSix()])

    assert session.run([tiny_model.g_step, tiny_model.epoch]) == [6, 1]


class StopAt(RecordingCallback):
    """Records the hooks, and asks fit to stop in the hook named `when`."""

    def __init__(self, when):
        super().__init__()
        self.when = when

    def on_train_begin(self, logs=None):
        super().on_train_begin(logs)
        self.model.stop_training = self.when == "train_begin"

    def on_epoch_end(self, epoch, logs=None):
        super().on_epoch_end(epoch, logs)
        self.model.stop_training = self.when == f"epoch_end {epoch}"


def test_a_stop_asked_for_as_training_begins_skips_the_discriminators_pretraining_and_every_step(
        tiny_model, session, tiny_dataset):
    """Ctrl-C caught from on_train_begin on: a stop asked for there runs no D update at all, and
    fires no on_epoch_begin of an epoch in which no step runs."""
    stop = StopAt("train_begin")

    tiny_model.fit(session, tiny_dataset, epochs=2, pretrain_d_steps=3, callbacks=[stop])

    assert session.run([tiny_model.d_step, tiny_model.g_step]) == [0, 0]
    assert stop.calls == ["train_begin", "train_end"]


def test_a_stop_asked_for_at_the_end_of_an_epoch_begins_no_further_epoch(tiny_model, session, tiny_dataset):
    """Stopped in epoch 0's on_epoch_end (an evaluation interrupted by Ctrl-C, say): epoch 1 is
    neither begun nor counted."""
    stop = StopAt("epoch_end 0")

    tiny_model.fit(session, tiny_dataset, epochs=3, callbacks=[stop])

    assert stop.calls[-3:] == ["step_end 6", "epoch_end 0", "train_end"]
    assert session.run([tiny_model.g_step, tiny_model.epoch]) == [6, 1]


@pytest.mark.parametrize("arguments, error, message", [
    pytest.param({"epochs": -1}, ValueError, "epochs must be an integer >= 0", id="negative_epochs"),
    pytest.param({"k_steps": 0}, ValueError, "k_steps must be an integer >= 1", id="zero_k_steps"),
    pytest.param({"k_steps": 7}, ValueError, "k_steps (7) must be at most the batches per epoch (6)",
                 id="k_larger_than_an_epoch"),
    pytest.param({"pretrain_d_steps": -1}, ValueError, "pretrain_d_steps must be an integer >= 0",
                 id="negative_pretraining"),
    pytest.param({"callbacks": [print]}, TypeError, "callbacks must hold Callback instances",
                 id="callback_not_a_callback"),
])
def test_bad_fit_arguments_are_refused_before_any_step(tiny_model, session, tiny_dataset, arguments, error, message):
    """A wrong argument names itself, and no update has run."""
    with pytest.raises(error) as raised:
        tiny_model.fit(session, tiny_dataset, **arguments)

    assert message in str(raised.value)
    assert session.run(tiny_model.d_step) == 0


def test_an_array_passed_as_the_dataset_is_refused_with_the_class_to_use(tiny_model, session, tiny_images):
    """fit wants a GANDataset, which checks and batches the images; a bare array is named as such."""
    with pytest.raises(TypeError, match="dataset must be a GANDataset, got ndarray"):
        tiny_model.fit(session, tiny_images)


def test_a_dataset_that_does_not_fit_the_model_is_refused(tiny_model, session):
    """Noise of another size than the model's names both sizes."""
    dataset = GANDataset(np.zeros((4, 8, 8, 1), np.float32), noise_dim=5, batch_size=2)

    with pytest.raises(ValueError, match=r"dataset.noise_dim \(5\) must equal the model's noise_dim \(4\)"):
        tiny_model.fit(session, dataset)


def test_the_same_seeds_give_the_same_losses_step_for_step(tiny_arguments, tiny_images):
    """Two runs with the same model seed and data set seed lose exactly the same, step by step."""
    histories = []
    for _ in range(2):
        model = GANModel(**{**tiny_arguments, "seed": 5})
        dataset = GANDataset(tiny_images, noise_dim=4, batch_size=2, seed=5)
        with v1.Session(graph=model.graph) as session:
            model.initialize(session)
            histories.append(model.fit(session, dataset, epochs=2))

    assert histories[0] == histories[1]


def test_pretraining_runs_the_discriminator_alone_before_the_first_generator_update(tiny_model, session, tiny_dataset):
    """Eight D updates first (more than an epoch's six batches), then the usual 1:1 steps."""
    tiny_model.fit(session, tiny_dataset, epochs=1, pretrain_d_steps=8)

    d_steps, g_steps = session.run([tiny_model.d_step, tiny_model.g_step])
    assert (d_steps, g_steps) == (8 + 6, 6)


def test_a_model_that_has_trained_is_not_pretrained_again(tiny_model, session, tiny_dataset):
    """Pretraining belongs to the very first generator update: a second fit (a resume) skips it."""
    tiny_model.fit(session, tiny_dataset, epochs=1)

    tiny_model.fit(session, tiny_dataset, epochs=1, pretrain_d_steps=5)

    assert session.run([tiny_model.d_step, tiny_model.g_step]) == [12, 12]
