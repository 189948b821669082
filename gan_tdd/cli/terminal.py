"""What a command-line run needs from the terminal: log lines that go to the run's train.log
without breaking the progress bar. (Ctrl-C that stops cleanly: gan_tdd/cli/interrupt.py.)"""
import logging
import sys


class TerminalHandler(logging.Handler):
    """Warnings and errors on stderr as `main.py: warning: ...`, printed above the progress bar
    instead of into it."""

    def emit(self, record):
        from tqdm import tqdm

        tqdm.write(f"main.py: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


class AboveTheBar:
    """A file-like stream whose lines are printed on stderr above the progress bar, not into it."""

    def write(self, text):
        from tqdm import tqdm

        if text.strip():
            tqdm.write(text.rstrip("\n"), file=sys.stderr)

    def flush(self):
        sys.stderr.flush()


def log_to_file(path):
    """Send the "gan_tdd" logger to `path`, and its warnings and errors to the terminal as well;
    returns the handlers, for `stop_logging`."""
    logger = logging.getLogger("gan_tdd")
    logger.setLevel(logging.INFO)
    file = logging.FileHandler(path, encoding="utf-8")
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    # Info lines would break the progress bar: the terminal gets warnings and errors only.
    terminal = TerminalHandler(logging.WARNING)
    for handler in (file, terminal):
        logger.addHandler(handler)
    return file, terminal


def stop_logging(handlers):
    """Detach and close the handlers, so that a later run in this process logs to its own file only."""
    logger = logging.getLogger("gan_tdd")
    for handler in handlers:
        logger.removeHandler(handler)
        handler.close()
