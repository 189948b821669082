"""TraceCallback: print each event fit fires, in order, with what it receives: the loop made visible."""
import sys

from gan_tdd.callbacks.base import Callback
from gan_tdd.checks import require_int


class TraceCallback(Callback):
    """Prints every hook fit calls for the first `steps` steps and up to the first epoch
    boundary, then only `on_train_end`: what a callback sees, and when.

        set_params({'epochs': 2, 'k_steps': 1, 'steps_per_epoch': 6, 'batch_size': 2})
        on_train_begin(logs={})
        on_epoch_begin(epoch=0, logs={})
        fetches(step=1)
          step 1: 1 discriminator update(s), the last with the fetches of D's own scalars, then 1 generator update with the others
        on_step_end(step=1, logs: d_loss 1.386, g_loss 0.693, fetched: p_fake)
        ...

    Put it anywhere in the list: the fetched names it prints are those of every callback.
    """

    def __init__(self, steps=3, file=None):
        """Args:
            steps: how many steps (counting from the first of this fit) to trace in full.
            file: where the lines go; stderr by default.
        """
        self.steps = require_int("steps", steps, 1)
        self.file = file or sys.stderr
        self.first_step = None
        self.epochs_ended = 0

    def _print(self, line):
        print(line, file=self.file, flush=True)

    def _tracing(self, step=None):
        if self.epochs_ended > 0:
            return False
        if step is None or self.first_step is None:
            return True
        return step < self.first_step + self.steps

    def set_model(self, model, session, dataset=None):
        super().set_model(model, session, dataset)
        self._print(f"set_model(model={type(model).__name__}, session={type(session).__name__}, "
                    f"dataset={type(dataset).__name__} of {dataset.batches_per_epoch} batches)")

    def set_params(self, params):
        super().set_params(params)
        self._print(f"set_params({params})")

    def on_train_begin(self, logs=None):
        self._print(f"on_train_begin(logs={logs})")

    def on_epoch_begin(self, epoch, logs=None):
        if self.epochs_ended <= 1:
            self._print(f"on_epoch_begin(epoch={epoch}, logs={logs})")
        if self.epochs_ended == 1:
            self._print("... (the trace stops here: every later epoch repeats the first)")

    def fetches(self, step):
        if self.first_step is None:
            self.first_step = step
        if self._tracing(step):
            self._print(f"fetches(step={step})")
            self._print(f"  step {step}: {self.params['k_steps']} discriminator update(s), the last with the "
                        "fetches of D's own scalars, then 1 generator update with the others")
        elif step == self.first_step + self.steps:
            self._print(f"  ... steps {step} to the end of the epoch: the same four lines each")
        return None

    def on_step_end(self, step, logs=None):
        if self._tracing(step):
            losses = ", ".join(f"{name} {logs[name]:.4g}" for name in ("d_loss", "g_loss"))
            fetched = [name for name in logs if name not in ("d_loss", "g_loss")]
            self._print(f"on_step_end(step={step}, logs: {losses}, fetched: {', '.join(fetched) or 'nothing'})")

    def on_epoch_end(self, epoch, logs=None):
        self.epochs_ended += 1
        if self.epochs_ended == 1:
            shown = ", ".join(f"{name} {value:.4g}" if isinstance(value, float) else name
                              for name, value in logs.items())
            self._print(f"on_epoch_end(epoch={epoch}, logs: {shown})")

    def on_train_end(self, logs=None):
        self._print(f"on_train_end(logs={logs})")
