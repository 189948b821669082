"""What a command-line run needs from the terminal: log lines that go to the run's train.log
without breaking the progress bar. (Ctrl-C that stops cleanly: gan_tdd/callbacks/interrupt.py.)"""
import logging
import sys


class TerminalHandler(logging.Handler):
    """Warnings and errors on stderr as `main.py: warning: ...`, printed above the progress bar
    instead of into it."""

    def emit(self, record):
        from tqdm import tqdm

        tqdm.write(f"main.py: {record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def warnings_to_terminal():
    """Send the "gan_tdd" logger's warnings and errors to the terminal; returns the handler, for
    `stop_logging`. (Info lines would break the progress bar: they go to train.log alone.)"""
    logger = logging.getLogger("gan_tdd")
    logger.setLevel(logging.INFO)
    terminal = TerminalHandler(logging.WARNING)
    logger.addHandler(terminal)
    return terminal


def log_to_file(path):
    """Send the "gan_tdd" logger to `path`, and its warnings and errors to the terminal as well;
    returns the handlers, for `stop_logging`."""
    file = logging.FileHandler(path, encoding="utf-8")
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logging.getLogger("gan_tdd").addHandler(file)
    return file, warnings_to_terminal()


def stop_logging(handlers):
    """Detach and close the handlers, so that a later run in this process logs to its own file only."""
    logger = logging.getLogger("gan_tdd")
    for handler in handlers:
        logger.removeHandler(handler)
        handler.close()
