"""The library's argument checks: they run before any graph work, so that a mistake ends in one
clear message that names the argument. (The command line's usage errors are in gan_tdd.cli.usage.)"""
import math
import numbers


def require_int(name, value, minimum):
    """Raise ValueError unless `value` is an integer >= `minimum`; the message names `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def require_positive_number(name, value):
    """Raise ValueError unless `value` is a finite real number > 0; the message names `name`."""
    if (isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0
            or not math.isfinite(value)):
        raise ValueError(f"{name} must be a number > 0, got {value!r}")
    return float(value)


def require_non_negative_number(name, value):
    """Raise ValueError unless `value` is a finite real number >= 0; the message names `name`."""
    if (isinstance(value, bool) or not isinstance(value, numbers.Real) or not value >= 0
            or not math.isfinite(value)):
        raise ValueError(f"{name} must be a number >= 0, got {value!r}")
    return float(value)


def require_image_shape(name, value):
    """Raise ValueError unless `value` is (height, width, channels) of positive integers with
    height and width divisible by 4 (the generator upsamples twice by 2); returns it as a tuple."""
    try:
        shape = tuple(value)
    except TypeError:
        shape = ()
    if (len(shape) != 3 or any(isinstance(side, bool) or not isinstance(side, numbers.Integral)
                               or side < 1 for side in shape) or shape[0] % 4 or shape[1] % 4):
        raise ValueError(f"{name} must be (height, width, channels) with height and width "
                         f"divisible by 4, got {value!r}")
    return tuple(int(side) for side in shape)


def require_sample_shape(name, value):
    """Raise ValueError unless `value` is the shape of one image, as `require_image_shape` asks,
    or of one point, (dimensions,) with dimensions >= 1; returns it as a tuple."""
    try:
        shape = tuple(value)
    except TypeError:
        shape = ()
    if len(shape) == 1:
        if isinstance(shape[0], bool) or not isinstance(shape[0], numbers.Integral) or shape[0] < 1:
            raise ValueError(f"{name} of points must be (dimensions,) with dimensions >= 1, got {value!r}")
        return (int(shape[0]),)
    try:
        return require_image_shape(name, value)
    except ValueError:
        raise ValueError(f"{name} must be (height, width, channels) with height and width divisible by 4, "
                         f"or (dimensions,) for points, got {value!r}") from None
