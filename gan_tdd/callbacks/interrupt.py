"""StopOnInterrupt: Ctrl-C that stops a run cleanly, after the current step, with a checkpoint."""
import contextlib
import signal
import sys

from gan_tdd.callbacks.base import Callback


class StopOnInterrupt(Callback):
    """While training, Ctrl-C asks fit to stop after its current step (a checkpoint follows);
    a second Ctrl-C interrupts at once.

    A callback, so that its handler starts in on_train_begin, after fit has cleared
    `stop_training`: a press from then on, during the discriminator's pretraining too, is heard.
    The image-to-image loop, which has no callbacks, uses it as a context manager:
    `with StopOnInterrupt().watching(model): ...`.
    """

    def __init__(self):
        self.interrupted = False
        self._previous = None

    def _handler(self, signum, frame):
        print("\nstopping after this step and saving a checkpoint (Ctrl-C again to abort)",
              file=sys.stderr)
        self.interrupted = True
        self.model.stop_training = True
        signal.signal(signal.SIGINT, self._previous)

    def on_train_begin(self, logs=None):
        """Catch Ctrl-C from now on."""
        self._previous = signal.signal(signal.SIGINT, self._handler)

    def on_train_end(self, logs=None):
        """Give Ctrl-C back to the handler it had before training."""
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None

    @contextlib.contextmanager
    def watching(self, model):
        """Catch Ctrl-C for `model` within a `with` block, for a loop without callbacks."""
        self.model = model
        self.on_train_begin()
        try:
            yield self
        finally:
            self.on_train_end()
