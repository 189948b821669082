"""Argument checks that run before any graph work, so a mistake ends in one clear message."""
import numbers


def require_int(name, value, minimum):
    """Raise ValueError unless `value` is an integer >= `minimum`; the message names `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def require_positive_number(name, value):
    """Raise ValueError unless `value` is a real number > 0; the message names `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
        raise ValueError(f"{name} must be a number > 0, got {value!r}")
    return float(value)
