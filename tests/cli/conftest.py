"""What the command line's tests share: running main.py's entry point in a process of its own."""
import subprocess
import sys

import pytest

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
