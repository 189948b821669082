"""TensorFlow, imported without the native log lines it prints on start-up.

Importing TensorFlow 2.21 prints lines such as `I0000 ... cudart_stub.cc:31] Could not find cuda
drivers on your machine` and `WARNING: All log messages before absl::InitializeLog() is called`,
and its first session adds `E0000 ... failed call to cuInit` on a machine without a GPU. They come
from TensorFlow's C++ side before Python can configure it, and a learner reads "error" and stops
trusting the run. So every module of gan_tdd imports TensorFlow from here:

    from gan_tdd.quiet_tensorflow import tf

which sets TensorFlow's native log level to 3 (the C++ side's info, warning and error lines
hidden) and sends stderr to /dev/null for the import alone. Python exceptions are untouched: a
real failure still raises, and gan_tdd's own errors still show. Set GAN_TDD_VERBOSE=1 (or pass main.py --verbose) to see every line.
"""
import os
import sys

VERBOSE = os.environ.get("GAN_TDD_VERBOSE", "") not in ("", "0")

if VERBOSE or "tensorflow" in sys.modules:
    import tensorflow as tf
else:
    # Level 3 hides the C++ side's info, warning and error lines after start-up (cuInit, grappler).
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.stderr.flush()
    _saved_stderr = os.dup(2)
    _devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(_devnull, 2)  # the start-up lines are written before TF_CPP_MIN_LOG_LEVEL is read
    try:
        import tensorflow as tf
    finally:
        os.dup2(_saved_stderr, 2)
        os.close(_saved_stderr)
        os.close(_devnull)

__all__ = ["tf"]
