"""Usage errors of the command line: one line that names the flag and what it expects.

Nothing here imports TensorFlow, so that a mistake is answered at once, before its start-up.
"""
import argparse
import difflib
import math
import re

from pathlib import Path

from gan_tdd.cli.runs import is_plain_name


class UsageError(Exception):
    """A mistake on the command line or in the files it names: one line on stderr, exit 2."""


class OneLineErrorParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line, `PROG: error: ...`, instead of the usage and then the
    error; --help still shows everything. Flags are never abbreviated (`--epoch` is not taken as
    `--epochs`), and a misspelt flag is answered with the closest one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", DefaultsHelpFormatter)
        super().__init__(*args, **kwargs)

    # Flags of another command, {flag: command}, that someone may well give to this one.
    other_commands = {}

    def error(self, message):
        if message.startswith("unrecognized arguments: "):
            message += self._closest_flags(message.removeprefix("unrecognized arguments: ").split())
        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        if choice:
            message += _closest_choice(choice[1], re.findall(r"'([^']*)'", choice[2]))
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def _closest_flags(self, unknown):
        for word in unknown:
            command = self.other_commands.get(word.split("=")[0])
            if command:
                return f"; {word.split('=')[0]} is a flag of {self.prog} {command}, {COMMANDS[command]}"
        known = [flag for action in self._actions for flag in action.option_strings]
        for word in unknown:
            close = difflib.get_close_matches(word.split("=")[0], known, n=1, cutoff=0.6)
            if close:
                return f"; did you mean {close[0]}?"
        return ""


# What each command of main.py but training does, for a flag given to the wrong one.
COMMANDS = {"sample": "which draws from a trained run", "restore": "which restores images with a trained run",
            "evaluate": "which scores saved samples"}

# What the papers and other libraries call a choice, where gan_tdd calls it otherwise.
KNOWN_AS = {"wgan": "wasserstein", "wgan-gp": "wasserstein-gp", "wgangp": "wasserstein-gp",
            "lsgan": "least-squares", "ls": "least-squares", "ns": "non-saturating", "gan": "non-saturating",
            "cgan": "conditional", "ac-gan": "acgan", "info-gan": "infogan", "pix2pix": "image-to-image"}


def _closest_choice(given, choices):
    """'; did you mean X?' for a choice that is another name of X, or a near misspelling of it."""
    known = KNOWN_AS.get(given.lower())
    close = [known] if known in choices else difflib.get_close_matches(given, choices, n=1, cutoff=0.5)
    return f"; did you mean {close[0]}?" if close else ""


class DefaultsHelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Shows each flag's default in --help, except where there is none to show (None): such a
    flag's help says itself what happens without it."""

    def _get_help_string(self, action):
        if action.default is None:
            return action.help
        return super()._get_help_string(action)


def int_at_least(minimum):
    """An argparse type: an integer >= `minimum`."""
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {text!r}")
        return value
    parse.__name__ = f"integer >= {minimum}"
    return parse


positive_int = int_at_least(1)
non_negative_int = int_at_least(0)
at_least_two = int_at_least(2)


def one_of(choices):
    """An argparse type: one of `choices`, for a flag whose default may come from a preset
    (argparse's own `choices` would refuse the preset's None)."""
    def parse(text):
        if text not in choices:
            raise argparse.ArgumentTypeError(f"must be one of {', '.join(choices)}, got {text!r}")
        return text
    parse.__name__ = "one of " + ", ".join(choices)
    return parse


def float_where(accepts, expected):
    """An argparse type: a number that `accepts(value)` allows; otherwise "must be EXPECTED"."""
    def parse(text):
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not accepts(value):
            raise argparse.ArgumentTypeError(f"must be {expected}, got {text!r}")
        return value
    parse.__name__ = expected
    return parse


positive_float = float_where(lambda value: value > 0 and math.isfinite(value), "a finite number > 0")
non_negative_float = float_where(lambda value: value >= 0 and math.isfinite(value), "a finite number >= 0")
fraction = float_where(lambda value: 0 <= value < 1, "a number in [0, 1)")


def run_name(text):
    """An argparse type: a plain directory name."""
    if not is_plain_name(text):
        raise argparse.ArgumentTypeError(f"must be a plain directory name, got {text!r}")
    return text


def checked_output(path, overwrite):
    """The `--output` of sample and restore as a Path: a .npy or .png file in a directory that
    exists, and not a file that exists unless `overwrite`; else a UsageError naming the flag."""
    output = Path(path)
    if output.suffix not in (".npy", ".png"):
        raise UsageError(f"argument --output: must end in .npy or .png, got {path}")
    if output.exists() and not overwrite:
        raise UsageError(f"argument --output: {output} exists already: pass --overwrite to replace it")
    if not output.parent.is_dir():
        raise UsageError(f"argument --output: the directory {output.parent} does not exist")
    return output


def grey_or_colour(text):
    """An argparse type: 1 (grey) or 3 (colour) channels."""
    if text not in ("1", "3"):
        raise argparse.ArgumentTypeError(f"must be 1 (grey) or 3 (colour), got {text!r}")
    return int(text)
