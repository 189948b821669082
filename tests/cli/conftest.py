"""What the command line's tests share: running main.py's entry point in a process of its own,
and finished runs trained once and then shared."""
import contextlib
import io
import shutil
import subprocess
import sys

import numpy as np
import pytest

from gan_tdd.cli import main

# main.py's own entry point, plus one line that says whether TensorFlow was ever imported.
_MAIN_AND_REPORT = """
import sys
from gan_tdd.cli import main
try:
    sys.exit(main(sys.argv[1:]))
finally:  # argparse's own mistakes end in SystemExit
    print('tensorflow loaded:', 'tensorflow' in sys.modules)
"""


@pytest.fixture
def run_main():
    """Run main.py's entry point with the given arguments in a new process; returns the
    CompletedProcess, whose stdout ends with `tensorflow loaded: True` or `False`."""
    def run(*argv, timeout=120):
        return subprocess.run([sys.executable, "-c", _MAIN_AND_REPORT, *map(str, argv)],
                              capture_output=True, text=True, timeout=timeout)
    return run


@pytest.fixture
def one_line():
    """A check that returns the text of stderr when it is exactly one line, and fails otherwise."""
    def check(text):
        assert text.count("\n") == 1 and text.endswith("\n"), text
        return text.rstrip("\n")
    return check


@pytest.fixture(scope="session")
def trained_run(tmp_path_factory):
    """`trained_run(*flags)`: the directory of a finished two-epoch run with those flags added to
    `run_flags`' (and scalars and log lines at every step), trained the first time it is asked
    for and then shared: a run costs a second. A test may read it, never change it; to resume
    one, it takes `a_copy_of_a_trained_run`."""
    data = tmp_path_factory.mktemp("data") / "tiny.npz"
    images = np.random.default_rng(0).integers(0, 256, (128, 28, 28), dtype=np.uint8)
    np.savez(data, x_train=images, y_train=np.arange(128) % 10)
    runs = {}

    def trained(*flags):
        if flags not in runs:
            logdir = tmp_path_factory.mktemp("runs")
            # Its lines are not the asking test's: they would land in that test's capsys.
            with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
                    status = main(["--data", str(data), "--logdir", str(logdir), "--generator-width", "4",
                               "--discriminator-width", "4", "--evaluation-samples", "0", "--seed", "1",
                               "--epochs", "2", "--summary-every", "1", "--log-every", "1",
                               "--run-name", "trained", *flags])
            assert status == 0
            runs[flags] = logdir / "trained"
        return runs[flags]
    return trained


@pytest.fixture
def a_copy_of_a_trained_run(trained_run, tmp_path):
    """`a_copy_of_a_trained_run(*flags)`: a copy of `trained_run(*flags)` at tmp_path/runs/copy,
    the test's own to resume or damage."""
    def copy(*flags):
        return shutil.copytree(trained_run(*flags), tmp_path / "runs" / "copy")
    return copy
