"""DataError: what every reader of training data raises, in one line that names the file."""


class DataError(ValueError):
    """A data file or folder is missing, unreadable or laid out in a way the readers do not know."""
