"""TerminateOnNaN: a loss that is NaN or infinite stops training, and no checkpoint is made of it."""
import math
import re

import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import CheckpointCallback, Checkpointer, GANModel, TerminateOnNaN
from gan_tdd.cli import main

# Each costs a model build or more beyond the run itself: left out of the fast loop.
END_TO_END = pytest.mark.slow(reason="trains a main.py run end to end")

v1 = tf.compat.v1


@pytest.mark.parametrize("logs, name", [
    pytest.param({"d_loss": math.nan, "g_loss": 0.7}, "d_loss became nan", id="nan_d_loss"),
    pytest.param({"d_loss": 1.3, "g_loss": math.inf}, "g_loss became inf", id="infinite_g_loss"),
])
def test_a_loss_that_is_not_finite_stops_training_and_says_where_and_what_to_try(tiny_model, logs, name):
    """The message names the loss and the step, and suggests lower learning rates and a data check."""
    guard = TerminateOnNaN()
    guard.set_model(tiny_model, session=None)

    guard.on_step_end(5, logs)

    assert tiny_model.stop_training
    assert f"{name} at step 5" in guard.message
    assert "lower learning rates" in guard.message and "check the data for NaN" in guard.message


def test_finite_losses_leave_training_running(tiny_model):
    """Large but finite losses are not the guard's business."""
    guard = TerminateOnNaN()
    guard.set_model(tiny_model, session=None)

    guard.on_step_end(1, {"d_loss": 1e30, "g_loss": 0.0})

    assert not tiny_model.stop_training and guard.message is None


@pytest.mark.slow(reason="restores into a second model, as a resumed process builds one")
def test_training_that_turns_nan_stops_at_that_step_and_keeps_the_last_good_checkpoint(
        tiny_model_of_its_own, tiny_arguments, tiny_dataset, tmp_path, caplog):
    """An epoch of six good steps is saved; then NaN data: step 7 stops the run and model-6 stays newest."""
    model = tiny_model_of_its_own  # a Checkpointer adds a Saver to its graph
    checkpointer = Checkpointer(model, tmp_path)
    guard = TerminateOnNaN()
    with v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, tiny_dataset, epochs=1, callbacks=[CheckpointCallback(checkpointer)])
        tiny_dataset.images[:] = np.nan  # past GANDataset's own check, as a bug in a data pipeline would be

        history = model.fit(session, tiny_dataset, epochs=2, callbacks=[guard, CheckpointCallback(checkpointer)])

    assert len(history["d_loss"]) == 1 and math.isnan(history["d_loss"][0])
    assert "d_loss became nan at step 7" in guard.message and guard.message in caplog.text
    assert checkpointer.latest().endswith("model-6")
    restored = GANModel(**tiny_arguments)
    with v1.Session(graph=restored.graph) as other:
        Checkpointer(restored, tmp_path).restore(other)
        assert all(np.isfinite(value).all() for value in other.run(restored.generator_variables))


@END_TO_END
def test_main_ends_a_diverging_run_with_one_error_line_and_exit_status_1(run_flags, tmp_path, capsys):
    """Learning rates of 1e30 make g_loss NaN at step 1: one `main.py: error:` line, no checkpoint."""
    status = main(run_flags + ["--epochs", "2", "--run-name", "diverges",
                               "--d-learning-rate", "1e30", "--g-learning-rate", "1e30"])

    # The progress bar redraws with carriage returns: split on those too.
    errors = [line for line in re.split(r"[\r\n]", capsys.readouterr().err) if line.startswith("main.py:")]
    assert status == 1
    assert len(errors) == 1 and errors[0].startswith("main.py: error: g_loss became nan at step 1")
    assert not (tmp_path / "runs" / "diverges" / "checkpoints").exists()
