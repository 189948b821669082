"""A run's train.log: the "gan_tdd" logger's info lines go to the file until logging stops."""
import logging

from gan_tdd.logs import log_to_file, stop_logging


def test_the_loggers_lines_go_to_the_file_until_logging_stops(tmp_path):
    logger = logging.getLogger("gan_tdd")
    handler = log_to_file(tmp_path / "train.log")
    logger.info("epoch 1 step 6: d_loss 1.2")
    stop_logging([handler])
    logger.info("a later run's line")

    text = (tmp_path / "train.log").read_text()
    assert "INFO epoch 1 step 6: d_loss 1.2" in text and "later" not in text
    assert handler not in logger.handlers
