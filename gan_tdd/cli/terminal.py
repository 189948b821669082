"""What a command-line run needs from the terminal: warnings and errors printed above the progress
bar, not into it. (The run's train.log: gan_tdd/logs.py; Ctrl-C that stops cleanly:
gan_tdd/callbacks/interrupt.py.)"""
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
    `gan_tdd.logs.stop_logging`. (Info lines would break the progress bar: they go to train.log
    alone.)"""
    logger = logging.getLogger("gan_tdd")
    logger.setLevel(logging.INFO)
    terminal = TerminalHandler(logging.WARNING)
    logger.addHandler(terminal)
    return terminal

