"""ProgressBar: a tqdm bar per epoch with the losses, D's probabilities and images per second."""
import sys

from tqdm import tqdm

from gan_tdd.callbacks.base import Callback
from gan_tdd.checks import require_int


class ProgressBar(Callback):
    """One progress bar per epoch and one summary line after it, on stderr.

    The bar counts real images, so tqdm's rate is images per second. Beside it: d_loss and
    g_loss, and what the loss says of D's outputs (p_real and p_fake for the cross-entropy
    losses; a critic's mean outputs and their gap for the others), fetched every
    `every_n_steps` steps, which is also how often the numbers change.
    """

    def __init__(self, every_n_steps=20, file=None):
        """Args:
            every_n_steps: steps between updates of p_real and p_fake beside the bar.
            file: where the bar goes; stderr by default.

        What fit will run (epochs, k, steps per epoch, batch size) arrives in `set_params`.
        """
        self.every_n_steps = require_int("every_n_steps", every_n_steps, 1)
        self.file = file or sys.stderr
        self.bar = None
        self.first_epoch = 0

    def on_train_begin(self, logs=None):
        self.first_epoch = int(self.session.run(self.model.epoch))
        self.last_epoch = self.first_epoch + self.params["epochs"]
        self.images_per_step = self.params["k_steps"] * self.params["batch_size"]

    def on_epoch_begin(self, epoch, logs=None):
        self.bar = tqdm(total=self.params["steps_per_epoch"] * self.images_per_step, unit="img",
                        unit_scale=True, file=self.file, leave=False,
                        desc=f"epoch {epoch + 1}/{self.last_epoch}", dynamic_ncols=True)

    def set_model(self, model, session, dataset=None):
        super().set_model(model, session, dataset)
        # The losses and what D says; the parts of D's loss and the gradient norms are for
        # TensorBoard and the log, where there is room for them.
        self.shown = {name: tensor for name, tensor in model.scalars.items()
                      if name in ("d_loss", "g_loss") or not name.endswith(("_loss", "_gradient_norm"))}

    def fetches(self, step):
        if step % self.every_n_steps == 0:
            return self.shown
        return None

    def on_step_end(self, step, logs=None):
        self.bar.update(self.images_per_step)
        if step % self.every_n_steps == 0:
            self.bar.set_postfix({name: f"{logs[name]:.3g}" for name in self.shown}, refresh=False)

    def on_epoch_end(self, epoch, logs=None):
        rate = self.bar.format_dict["rate"] or 0.0
        self.bar.close()
        extra = "".join(f" {name} {value:.3g}" for name, value in logs.items()
                        if name not in ("d_loss", "g_loss") and isinstance(value, (int, float)))
        print(f"epoch {epoch + 1}/{self.last_epoch}: d_loss {logs['d_loss']:.4f} "
              f"g_loss {logs['g_loss']:.4f} {rate:,.0f} img/s{extra}", file=self.file, flush=True)

    def on_train_end(self, logs=None):
        if self.bar is not None:
            self.bar.close()


class AboveTheBar:
    """A file-like stream whose lines are printed on stderr above the progress bar, not into it."""

    def write(self, text):
        if text.strip():
            tqdm.write(text.rstrip("\n"), file=sys.stderr)

    def flush(self):
        sys.stderr.flush()
