"""LogCallback: one line of losses and D's probabilities every n steps, through Python logging."""
import logging

from gan_tdd.callbacks.base import Callback
from gan_tdd.checks import require_int


class LogCallback(Callback):
    """Logs one line every `every_n_steps` steps through Python `logging`, with every scalar the
    model's loss shows (`model.scalars`), e.g. for the non-saturating loss:

    `epoch 1 step 200: d_loss 1.203 d_real_loss 0.6412 d_fake_loss 0.5619 g_loss 0.872 p_real 0.561 p_fake 0.437`

    and for a Wasserstein critic its mean outputs and their gap instead of probabilities.

    The lines go to the "gan_tdd" logger at level INFO, which prints nothing until logging is
    configured: in a script, call `logging.basicConfig(level=logging.INFO)` first.
    """

    def __init__(self, every_n_steps=100, logger=None):
        """Args:
            every_n_steps: steps between lines.
            logger: where the lines go; by default the "gan_tdd" logger.
        """
        self.every_n_steps = require_int("every_n_steps", every_n_steps, 1)
        self.logger = logger or logging.getLogger("gan_tdd")
        self.epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def fetches(self, step):
        if step % self.every_n_steps == 0:
            return dict(self.model.scalars)
        return None

    def on_step_end(self, step, logs=None):
        if step % self.every_n_steps == 0:
            figures = " ".join(f"{name} {logs[name]:.4g}" for name in self.model.scalars)
            self.logger.info("epoch %d step %d: %s", self.epoch + 1, step, figures)
