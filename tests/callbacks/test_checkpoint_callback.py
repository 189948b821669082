"""CheckpointCallback: a save after every epoch and at the end, none after a step that raised."""
import pytest

from gan_tdd import Callback, CheckpointCallback, Checkpointer, GANModel


@pytest.fixture(scope="module")
def tiny_model(tiny_arguments):
    """The tiny model, shared by this module's tests but not finalized: each adds a Checkpointer's
    Saver to the graph, which changes nothing another test reads (each has a session of its own)."""
    return GANModel(**tiny_arguments)


def test_the_callback_saves_after_each_epoch_and_keeps_the_newest_two(tiny_model, session, tiny_dataset, tmp_path):
    """Three epochs of six steps leave saves at steps 12 and 18; 18 is the newest."""
    checkpointer = Checkpointer(tiny_model, tmp_path)

    tiny_model.fit(session, tiny_dataset, epochs=3, callbacks=[CheckpointCallback(checkpointer)])

    assert sorted(path.name for path in tmp_path.glob("*.index")) == ["model-12.index", "model-18.index"]
    assert checkpointer.latest().endswith("model-18")


def test_the_callback_saves_at_the_end_when_training_stopped_mid_epoch(tiny_model, session, tiny_dataset, tmp_path):
    """Stopped at step 3, the run's last save is at step 3: no work since the last epoch is lost."""
    class StopAtThree(Callback):
        def on_step_end(self, step, logs=None):
            self.model.stop_training = step == 3

    checkpointer = Checkpointer(tiny_model, tmp_path)

    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[StopAtThree(), CheckpointCallback(checkpointer)])

    assert checkpointer.latest().endswith("model-3")


def test_nothing_is_saved_when_a_step_raises(tiny_model, session, tiny_dataset, tmp_path):
    """A run that broke mid-epoch leaves the checkpoints it had: none here, not one of the broken state."""
    class BreakAtStepTwo(Callback):
        def on_step_end(self, step, logs):
            if step == 2:
                raise RuntimeError("broken")

    checkpointer = Checkpointer(tiny_model, tmp_path)

    with pytest.raises(RuntimeError, match="broken"):
        tiny_model.fit(session, tiny_dataset, epochs=1,
                       callbacks=[CheckpointCallback(checkpointer), BreakAtStepTwo()])

    assert checkpointer.latest() is None
