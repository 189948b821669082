"""CheckpointCallback: save the model after every epoch and when training ends."""
import math

from gan_tdd.callbacks.base import Callback


class CheckpointCallback(Callback):
    """Saves a checkpoint after every epoch, and at the end of training if steps ran since.

    Nothing is saved after a step whose d_loss or g_loss was NaN or infinite (see
    `TerminateOnNaN`): the checkpoints from before it stay the newest.
    """

    def __init__(self, checkpointer):
        """Args: checkpointer: the Checkpointer that saves (and knows where)."""
        self.checkpointer = checkpointer
        self.saved_step = None
        self.losses_finite = True

    def on_step_end(self, step, logs=None):
        self.losses_finite = math.isfinite(logs["d_loss"]) and math.isfinite(logs["g_loss"])

    def _save(self):
        if not self.losses_finite:
            self.checkpointer.logger.info("not saving a checkpoint: the last step's loss was not finite")
            return
        if self.checkpointer.save(self.session) is not None:
            self.saved_step = int(self.session.run(self.model.g_step))

    def on_epoch_end(self, epoch, logs=None):
        self._save()

    def on_train_end(self, logs=None):
        if "exception" in logs:  # a step raised: the last checkpoint stays the newest
            return
        if self.saved_step != int(self.session.run(self.model.g_step)):
            self._save()
