"""Checkpoints: save after each epoch, restore the newest, keep the one before it."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import GANModel
from gan_tdd.checkpoints import CheckpointCallback, Checkpointer

v1 = tf.compat.v1


def test_a_restored_model_has_the_saved_weights_and_counters(tiny_model, session, tiny_dataset, tmp_path):
    """Save after a step, restore into a fresh model: same variables, same g_step."""
    tiny_model.fit(session, tiny_dataset, epochs=1)
    Checkpointer(tiny_model, tmp_path).save(session)
    saved = session.run(tiny_model.generator_variables + [tiny_model.g_step])
    fresh = GANModel(noise_dim=4, image_shape=(8, 8, 1), generator_width=4, discriminator_width=4)

    with v1.Session(graph=fresh.graph) as other:
        Checkpointer(fresh, tmp_path).restore(other)
        restored = other.run(fresh.generator_variables + [fresh.g_step])

    for before, after in zip(saved, restored):
        np.testing.assert_array_equal(before, after)


def test_the_callback_saves_after_each_epoch_and_keeps_the_newest_two(tiny_model, session, tiny_dataset, tmp_path):
    """Three epochs of six steps leave saves at steps 12 and 18; 18 is the newest."""
    checkpointer = Checkpointer(tiny_model, tmp_path)

    tiny_model.fit(session, tiny_dataset, epochs=3, callbacks=[CheckpointCallback(checkpointer)])

    assert sorted(path.name for path in tmp_path.glob("*.index")) == ["model-12.index", "model-18.index"]
    assert checkpointer.latest().endswith("model-18")


def test_the_callback_saves_at_the_end_when_training_stopped_mid_epoch(tiny_model, session, tiny_dataset, tmp_path):
    """Stopped at step 3, the run's last save is at step 3: no work since the last epoch is lost."""
    from gan_tdd import Callback

    class StopAtThree(Callback):
        def on_step_end(self, step, logs=None):
            self.model.stop_training = step == 3

    checkpointer = Checkpointer(tiny_model, tmp_path)

    tiny_model.fit(session, tiny_dataset, epochs=1, callbacks=[StopAtThree(), CheckpointCallback(checkpointer)])

    assert checkpointer.latest().endswith("model-3")


def test_restoring_from_an_empty_directory_says_there_is_no_checkpoint(tiny_model, session, tmp_path):
    """FileNotFoundError names the directory."""
    with pytest.raises(FileNotFoundError, match="holds no checkpoint"):
        Checkpointer(tiny_model, tmp_path).restore(session)
