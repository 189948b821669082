"""Saving and restoring a model's variables, so that a run can stop and carry on."""
from pathlib import Path

import tensorflow as tf

from gan_tdd.callbacks import Callback

v1 = tf.compat.v1


class Checkpointer:
    """Saves a model's variables under `directory` and restores the newest save.

    Saves are named `model-STEP`; the newest two are kept, so a crash while one is being
    written still leaves the one before it whole (TensorFlow renames the `checkpoint` index file
    into place only after the save's data files are written).
    """

    def __init__(self, model, directory, keep=2):
        self.model = model
        self.directory = Path(directory)
        with model.graph.as_default():
            self.saver = v1.train.Saver(max_to_keep=keep)

    def latest(self):
        """The path prefix of the newest save, or None when there is none."""
        return tf.train.latest_checkpoint(str(self.directory))

    def save(self, session):
        """Save every variable, named by the generator step; returns the save's path prefix."""
        self.directory.mkdir(parents=True, exist_ok=True)
        step = int(session.run(self.model.g_step))
        return self.saver.save(session, str(self.directory / "model"), global_step=step)

    def restore(self, session):
        """Restore the newest save into `session`.

        Raises:
            FileNotFoundError: the directory holds no checkpoint.
        """
        latest = self.latest()
        if latest is None:
            raise FileNotFoundError(f"{self.directory} holds no checkpoint to resume from")
        self.saver.restore(session, latest)
        # A new Saver knows nothing of earlier saves; tell it, so it keeps pruning them.
        state = tf.train.get_checkpoint_state(str(self.directory))
        self.saver.recover_last_checkpoints(list(state.all_model_checkpoint_paths))
        return latest


class CheckpointCallback(Callback):
    """Saves a checkpoint after every epoch, and at the end of training if steps ran since."""

    def __init__(self, checkpointer):
        self.checkpointer = checkpointer
        self.saved_step = None

    def _save(self):
        self.checkpointer.save(self.session)
        self.saved_step = int(self.session.run(self.model.g_step))

    def on_epoch_end(self, epoch, logs=None):
        self._save()

    def on_train_end(self, logs=None):
        if self.saved_step != int(self.session.run(self.model.g_step)):
            self._save()
