"""TerminateOnNaN: stop training at the first step whose loss is NaN or infinite."""
import logging
import math

from gan_tdd.callbacks.base import Callback


class TerminateOnNaN(Callback):
    """Stops training after the first step whose d_loss or g_loss is not finite.

    Once a loss is NaN, the weights are NaN too and every later step is wasted; a checkpoint of
    them would replace a good one. This callback sets `model.stop_training` and logs one error
    line that says where and what to try; `message` keeps that line (None while all is well).
    It reads the losses that every step's `logs` already hold, so it costs no extra fetch.
    `CheckpointCallback` saves nothing after a step with a loss that is not finite, so the
    checkpoints written before it stay the newest.
    """

    def __init__(self, logger=None):
        """Args: logger: where the message goes; by default the "gan_tdd" logger."""
        self.logger = logger or logging.getLogger("gan_tdd")
        self.message = None

    def on_train_begin(self, logs=None):
        self.message = None

    def on_step_end(self, step, logs=None):
        for name in ("d_loss", "g_loss"):
            if not math.isfinite(logs[name]):
                self.message = (f"{name} became {logs[name]} at step {step}, so training stopped; "
                                "try lower learning rates, and check the data for NaN or infinite values")
                self.model.stop_training = True
                self.logger.error(self.message)
                return
