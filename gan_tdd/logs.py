"""A run's train.log: the "gan_tdd" logger's lines, info and above, in a file of the run's own."""
import logging


def log_to_file(path):
    """Send the "gan_tdd" logger's lines, info and above, to `path` too; returns the handler,
    for `stop_logging`."""
    logger = logging.getLogger("gan_tdd")
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    return handler


def stop_logging(handlers):
    """Detach and close the handlers, so that a later run in this process logs to its own file only."""
    logger = logging.getLogger("gan_tdd")
    for handler in handlers:
        logger.removeHandler(handler)
        handler.close()
