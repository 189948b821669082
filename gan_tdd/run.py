"""TrainingRun: a whole training run in a directory of its own, from a script.

`fit` trains; a run is what `python main.py` wraps around it, and what a script gets here with its
own model, data and callbacks:

    with TrainingRun(model, dataset, "runs/mine", callbacks=[MyCallback()]) as run:
        result = run.fit(epochs=5)

The directory gets checkpoints (after every epoch, and when the run stops), sample grids of fixed
noise and their GIF, TensorBoard's event files and a train.log. Ctrl-C stops after the current
step with a checkpoint; a loss that becomes NaN ends the run with nothing saved after the last
good step. Run the same script again and it resumes: like Keras' `epochs` with BackupAndRestore,
`epochs` is the run's total, and a directory that holds a checkpoint is carried on from it, into
the model the script has just built.
"""
import dataclasses
import logging
import os
from pathlib import Path

import numpy as np

from gan_tdd.callbacks.base import Callback
from gan_tdd.checks import require_int
from gan_tdd.data import fixed_noise
from gan_tdd.logs import log_to_file, stop_logging

# The grid's fixed noise, kept in the directory so that a resumed run draws the same samples.
FIXED_NOISE_FILE = "fixed_noise.npy"


@dataclasses.dataclass
class RunResult:
    """How a run's `fit` ended.

    status: "done" (every epoch trained), "stopped" (Ctrl-C; a checkpoint of the last step is
        saved) or "diverged" (a loss became NaN or infinite; `message` says where).
    step: the generator steps the run has taken in all, resumed ones included.
    epochs_done: the epochs the run has finished in all.
    epochs_before: the epochs it had finished when this fit began.
    resumed_from: the checkpoint the run carried on from, or None for a new run.
    history: what `fit` returned for this call: d_loss and g_loss per step, as floats.
    message: the NaN guard's line, for a diverged run; None otherwise.
    """

    status: str
    step: int
    epochs_done: int
    epochs_before: int
    resumed_from: str | None
    history: dict
    message: str | None = None


class TrainingRun:
    """A model trained on a dataset in `directory`, with what a run needs around `fit`."""

    def __init__(self, model, dataset, directory, *, callbacks=(), pictures=None, k_steps=1,
                 pretrain_d_steps=0, summary_every=100, images_every=500, log_every=100,
                 progress_bar=True, trace=False, say=None):
        """Check the arguments; nothing is made on disk or in the graph until `fit`.

        Args:
            model: a GANModel (or a model of gan_tdd.models) that this run alone trains: the run
                adds a Checkpointer's Saver to its graph.
            dataset: the GANDataset to train on.
            directory: the run's directory, made if need be; one that holds a checkpoint is
                resumed.
            callbacks: yours, called after the NaN guard and before the progress bar, the
                summaries, the log and the pictures, so that they show what you add to the logs.
            pictures: the callback that draws samples; None for a SampleGridCallback of 64 fixed
                noise vectors (for images; a model of points draws none unless given one, e.g.
                gan_tdd.callbacks.point_frames.PointFramesCallback).
            k_steps, pretrain_d_steps: as for `fit`.
            summary_every: TensorBoard scalars every this many steps.
            images_every: TensorBoard image grids every this many steps.
            log_every: a line of losses in train.log every this many steps.
            progress_bar: False for no tqdm bar (a notebook that prints its own, say).
            trace: True to print each event of the loop for the first steps (TraceCallback).
            say: a function given each line the run has to say ("resumed from ..."); by default
                the "gan_tdd" logger, at info level.
        """
        for name, value in (("summary_every", summary_every), ("images_every", images_every),
                            ("log_every", log_every)):
            require_int(name, value, 1)
        for callback in callbacks:
            if not isinstance(callback, Callback):
                raise ValueError(f"callbacks must be gan_tdd.Callback instances, got {type(callback).__name__}")
        self.directory = Path(directory)
        if self.directory.is_file():
            raise ValueError(f"directory {self.directory} is a file; a run needs a directory of its own")
        self.model, self.dataset = model, dataset
        self.callbacks, self.pictures = list(callbacks), pictures
        self.k_steps, self.pretrain_d_steps = k_steps, pretrain_d_steps
        self.summary_every, self.images_every, self.log_every = summary_every, images_every, log_every
        self.progress_bar, self.trace = progress_bar, trace
        self.say = say or logging.getLogger("gan_tdd").info
        self.session = None
        self.resumed_from = None
        self._checkpointer = None
        self._log_handler = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def open(self):
        """Make the directory, open the run's session, and restore the newest checkpoint there
        (a run that resumes) or initialize the variables (a new one). `fit` opens the run when
        it is not open yet.

        Returns:
            The checkpoint resumed from, or None for a new run.

        Raises:
            FileNotFoundError: the directory's checkpoints are there but none can be read.
        """
        from gan_tdd.checkpoints import Checkpointer
        from gan_tdd.quiet_tensorflow import tf

        if self.session is not None:
            return self.resumed_from
        self.directory.mkdir(parents=True, exist_ok=True)
        # From here on, so that a checkpoint that cannot be restored is in the log too.
        self._log_handler = log_to_file(self.directory / "train.log")
        if self._checkpointer is None:
            self._checkpointer = Checkpointer(self.model, self.directory / "checkpoints")
        self.say(describe_device())
        self.session = tf.compat.v1.Session(graph=self.model.graph)
        try:
            # The index, not a readable save: a run whose saves are all damaged is refused, not
            # silently started again.
            if (self.directory / "checkpoints" / "checkpoint").is_file():
                self.resumed_from = self._checkpointer.restore(self.session)
                self.say(f"resumed from {self.resumed_from}")
            else:
                self.model.initialize(self.session)
        except BaseException:
            self.close()
            raise
        return self.resumed_from

    def close(self):
        """Close the run's session (its trained variables stay in the checkpoints) and its log."""
        if self.session is not None:
            self.session.close()
            self.session = None
        if self._log_handler is not None:
            stop_logging([self._log_handler])
            self._log_handler = None

    def fit(self, epochs):
        """Train until the run has `epochs` epochs in all (none more if it has them already).

        Returns:
            A RunResult.
        """
        from gan_tdd.callbacks import (CheckpointCallback, LogCallback, ProgressBar, StopOnInterrupt,
                                       SummaryCallback, TerminateOnNaN, TraceCallback)
        from gan_tdd.callbacks.progress_bar import AboveTheBar

        epochs = require_int("epochs", epochs, 0)
        self.open()
        session, model = self.session, self.model
        epochs_before = int(session.run(model.epoch))
        # Ctrl-C first, so that its handler is in place before any other callback's work begins;
        # the NaN guard next, so that a NaN step is known before anything else acts on it.
        interrupt, nan_guard = StopOnInterrupt(), TerminateOnNaN()
        trace = [TraceCallback(file=AboveTheBar())] if self.trace else []
        pictures = self.pictures if self.pictures is not None else self._grid()
        callbacks = [interrupt, *trace, nan_guard, *self.callbacks,
                     *([ProgressBar()] if self.progress_bar else []),
                     SummaryCallback(self.directory, self.summary_every, self.images_every),
                     LogCallback(self.log_every), *([pictures] if pictures else []),
                     CheckpointCallback(self._checkpointer)]
        # The session and its graph as the defaults, as `with session:` makes them: a callback
        # that makes a TF1 object of its own (a FileWriter) finds the graph it expects.
        try:
            with session.as_default(), model.graph.as_default():
                history = model.fit(session, self.dataset, epochs=max(epochs - epochs_before, 0), k_steps=self.k_steps,
                                    callbacks=callbacks, pretrain_d_steps=self.pretrain_d_steps)
        finally:
            # Ctrl-C goes back to its handler even when a callback raised in on_train_begin, which
            # ends fit before any on_train_end: Ctrl-C must not be left stopping a run that is over.
            interrupt.on_train_end()
        step, epochs_done = (int(value) for value in session.run([model.g_step, model.epoch]))
        if nan_guard.message is not None:
            status = "diverged"
        # A Ctrl-C that came after the last step (during the last epoch's grid, say) leaves a
        # finished run, with nothing to resume.
        elif interrupt.interrupted and epochs_done < epochs:
            status = "stopped"
        else:
            status = "done"
        return RunResult(status, step, epochs_done, epochs_before, self.resumed_from, history, nan_guard.message)

    def _grid(self):
        """The default pictures: a grid of 64 fixed noise vectors' samples per epoch, for images."""
        from gan_tdd.callbacks import SampleGridCallback

        if len(self.model.image_shape) == 1:
            return None
        return SampleGridCallback(self.directory / "samples",
                                  noise=kept_noise(self.directory, 64, self.model.noise_dim, seed=0))


def describe_device():
    """Where TensorFlow will run the run's graph: its first GPU when it finds one (it places the
    ops there with no flag), else the CPU."""
    from gan_tdd.quiet_tensorflow import tf

    gpus = tf.config.list_physical_devices("GPU")
    if not gpus:
        return "device: CPU (TensorFlow finds no GPU)"
    try:
        name = tf.config.experimental.get_device_details(gpus[0]).get("device_name", "")
    except (ValueError, RuntimeError):  # details are not known for every device
        name = ""
    return f"device: GPU 0{', ' + name if name else ''}" + (f" (of {len(gpus)})" if len(gpus) > 1 else "")


def kept_noise(directory, count, noise_dim, seed):
    """The fixed noise behind a run's grids: drawn once, kept in DIRECTORY/fixed_noise.npy and read
    back from there when the run resumes, so that its grids go on drawing the same samples."""
    path = Path(directory) / FIXED_NOISE_FILE
    if not path.exists():
        save_whole(path, fixed_noise(count, noise_dim, seed))
    return np.load(path)


def save_whole(path, array):
    """np.save, renamed into place whole: a run killed while writing never leaves half a file."""
    path = Path(path)
    partial = path.with_name(f"{path.stem}.partial-{os.getpid()}.npy")
    np.save(partial, array)
    os.replace(partial, path)

