"""Callbacks: the extension point of the training loop, one module per callback.

    base.py              Callback (the hooks, in the order fit calls them) and CallbackList
    summary.py           SummaryCallback: TensorBoard scalars, image grids and the graph
    log.py               LogCallback: a line of losses every n steps through Python logging
    progress_bar.py      ProgressBar: a tqdm bar per epoch and a summary line after it
    sample_grid.py       SampleGridCallback: a PNG grid from fixed noise per epoch, and a GIF
    checkpoint.py        CheckpointCallback: save after every epoch and at the end
    terminate_on_nan.py  TerminateOnNaN: stop at the first loss that is NaN or infinite
    interrupt.py         StopOnInterrupt: Ctrl-C stops after the current step (a second one at once)
    trace.py             TraceCallback: print each event of the loop, in order, with what it receives

EvaluationCallback, which scores samples after every epoch, lives with the metrics it uses in
`gan_tdd.evaluation` and is importable from here too.
"""
from gan_tdd.callbacks.base import Callback, CallbackList
from gan_tdd.callbacks.checkpoint import CheckpointCallback
from gan_tdd.callbacks.interrupt import StopOnInterrupt
from gan_tdd.callbacks.log import LogCallback
from gan_tdd.callbacks.progress_bar import ProgressBar
from gan_tdd.callbacks.sample_grid import SampleGridCallback
from gan_tdd.callbacks.summary import SummaryCallback
from gan_tdd.callbacks.terminate_on_nan import TerminateOnNaN
from gan_tdd.callbacks.trace import TraceCallback

__all__ = ["Callback", "CallbackList", "CheckpointCallback", "EvaluationCallback", "LogCallback",
           "ProgressBar", "SampleGridCallback", "StopOnInterrupt", "SummaryCallback", "TerminateOnNaN",
           "TraceCallback"]


def __getattr__(name):
    # Imported on first use: gan_tdd.evaluation imports this package's base class, so an eager
    # import here would be circular.
    if name == "EvaluationCallback":
        from gan_tdd.evaluation.callback import EvaluationCallback

        return EvaluationCallback
    raise AttributeError(f"module 'gan_tdd.callbacks' has no attribute {name!r}")
