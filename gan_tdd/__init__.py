"""gan_tdd: a small, test-first GAN framework in TensorFlow's TF1-compat graph mode."""
import importlib

# Each public name and its module. A name is imported when first used, so that `main.py --help`
# and main.py's one-line errors come at once, before TensorFlow is loaded (seconds, and log lines).
_MODULES = {
    "GANModel": "gan_tdd.model",
    "GANDataset": "gan_tdd.dataset",
    "Callback": "gan_tdd.callbacks",
    "CallbackList": "gan_tdd.callbacks",
    "SummaryCallback": "gan_tdd.callbacks",
    "LogCallback": "gan_tdd.callbacks",
    "Checkpointer": "gan_tdd.checkpoints",
    "CheckpointCallback": "gan_tdd.checkpoints",
    "TerminateOnNaN": "gan_tdd.safety",
}
__all__ = list(_MODULES)


def __getattr__(name):
    if name not in _MODULES:
        raise AttributeError(f"module 'gan_tdd' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULES[name]), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *__all__])
