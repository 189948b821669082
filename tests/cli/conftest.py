"""What the command line's tests share: main.py's answer to a mistake, here and in a process of
its own, and finished runs trained once and then shared."""
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


@pytest.fixture(params=["here", pytest.param("in_a_process_of_its_own", marks=pytest.mark.slow(
    reason="starts a Python process of its own, to see that TensorFlow never loads in it"))])
def refused(request, capsys, one_line):
    """`refused(*argv)`: main.py's answer to a mistake, which must be status 2 and one line of
    stderr (returned), before TensorFlow loads: TensorFlow prints lines of its own and takes
    seconds to start. Each test that asks for it runs twice: here, with main() in this process
    (where TensorFlow is loaded already: the fast loop checks the answer), and in a new Python
    process, which must end without ever importing TensorFlow (slow: it starts a process)."""
    def refuse(*argv):
        argv = [str(argument) for argument in argv]
        if request.param == "here":
            try:
                status = main(argv)
            except SystemExit as exit:  # argparse's own mistakes end in SystemExit
                status = exit.code
            out, error = capsys.readouterr()
        else:
            result = subprocess.run([sys.executable, "-c", _MAIN_AND_REPORT, *argv],
                                    capture_output=True, text=True, timeout=120)
            status, error = result.returncode, result.stderr
            out, loaded = result.stdout.rsplit("tensorflow loaded: ", 1)
            assert loaded == "False\n", "TensorFlow loaded before the mistake was answered"
        assert status == 2
        assert out == "", out
        return one_line(error)
    return refuse


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
