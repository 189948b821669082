"""ProgressBar: a tqdm bar per epoch with the losses, D's probabilities and images per second."""
import sys

from tqdm import tqdm

from gan_tdd.callbacks import Callback


class ProgressBar(Callback):
    """One progress bar per epoch and one summary line after it, on stderr.

    The bar counts real images, so tqdm's rate is images per second. d_loss and g_loss come
    with every step; p_real and p_fake are fetched every `every_n_steps` steps, which is also
    how often the numbers beside the bar change.
    """

    def __init__(self, epochs, k_steps, every_n_steps=20, file=None):
        """Args:
            epochs: how many epochs this fit runs (the bars count to the model's epoch + this).
            k_steps: the fit's discriminator updates per step, to count real images.
            every_n_steps: steps between updates of p_real and p_fake beside the bar.
            file: where the bar goes; stderr by default.
        """
        self.epochs = epochs
        self.k_steps = k_steps
        self.every_n_steps = every_n_steps
        self.file = file or sys.stderr
        self.bar = None
        self.first_epoch = 0

    def on_train_begin(self, logs=None):
        self.first_epoch = int(self.session.run(self.model.epoch))

    def on_epoch_begin(self, epoch, logs=None):
        self.images_per_step = self.k_steps * self.dataset.batch_size
        total = (self.dataset.batches_per_epoch // self.k_steps) * self.images_per_step
        self.bar = tqdm(total=total, unit="img", unit_scale=True, file=self.file, leave=False,
                        desc=f"epoch {epoch + 1}/{self.first_epoch + self.epochs}", dynamic_ncols=True)

    def fetches(self, step):
        if step % self.every_n_steps == 0:
            return {"p_real": self.model.p_real, "p_fake": self.model.p_fake}
        return None

    def on_step_end(self, step, logs=None):
        self.bar.update(self.images_per_step)
        if "p_real" in logs:
            self.bar.set_postfix(d_loss=f"{logs['d_loss']:.3f}", g_loss=f"{logs['g_loss']:.3f}",
                                 p_real=f"{logs['p_real']:.2f}", p_fake=f"{logs['p_fake']:.2f}",
                                 refresh=False)

    def on_epoch_end(self, epoch, logs=None):
        rate = self.bar.format_dict["rate"] or 0.0
        self.bar.close()
        extra = "".join(f" {name} {value:.3g}" for name, value in logs.items()
                        if name not in ("d_loss", "g_loss") and isinstance(value, (int, float)))
        print(f"epoch {epoch + 1}/{self.first_epoch + self.epochs}: d_loss {logs['d_loss']:.4f} "
              f"g_loss {logs['g_loss']:.4f} {rate:,.0f} img/s{extra}", file=self.file, flush=True)

    def on_train_end(self, logs=None):
        if self.bar is not None:
            self.bar.close()
