"""Run directories: one per training run, never reused, holding everything the run made.

    RUN_DIR/settings.json   the settings (gan_tdd.cli.settings), so `--resume` and `sample` rebuild the model
    RUN_DIR/fixed_noise.npy the noise behind the sample grids, so a resumed run draws the same digits
    RUN_DIR/checkpoints/    the model's variables after each epoch
    RUN_DIR/samples/        epoch-NNN.png grids, final.png, progress.gif
    RUN_DIR/train.log       a line every --log-every steps, and the evaluation after each epoch
    RUN_DIR/evaluation/     TensorBoard's event files of the evaluation
    RUN_DIR/                TensorBoard's event files of the training
"""
import os
import time
from pathlib import Path


def is_plain_name(name):
    """Whether `name` names a directory right below its parent: no path, not "." or ".."."""
    return name not in ("", ".", "..") and Path(name).name == name


def check_run_directory(parent, name=None):
    """Raise the error `new_run_directory(parent, name)` would raise, without creating anything.

    Raises:
        ValueError: `name` is not a plain directory name.
        FileExistsError: `parent/name` exists already.
        NotADirectoryError: `parent`, or the nearest of its ancestors that exists, is a file.
        PermissionError: that directory cannot be written.
    """
    parent = Path(parent)
    if name is not None and not is_plain_name(name):
        raise ValueError(f"a run name must be a plain directory name, got {name!r}")
    existing = parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise NotADirectoryError(f"{parent} cannot hold run directories: {existing} is a file")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PermissionError(f"{parent} cannot hold run directories: {existing} is not writable")
    if name is not None and (parent / name).exists():
        raise _taken(parent / name)


def new_run_directory(parent, name=None):
    """Create and return a new, empty run directory under `parent`.

    Without a name, it is named after the current time, with `-2`, `-3`... appended when that
    name is taken. A name that is taken is refused: a run never writes into another run's directory.

    Raises:
        the errors of `check_run_directory`.
    """
    check_run_directory(parent, name)
    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    if name is not None:
        path = parent / name
        try:
            path.mkdir()
        except FileExistsError:
            raise _taken(path) from None
        return path
    stem = time.strftime("run-%Y%m%d-%H%M%S")
    for attempt in range(1, 1000):
        path = parent / (stem if attempt == 1 else f"{stem}-{attempt}")
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free run directory name under {parent}")


def _taken(path):
    return FileExistsError(f"run directory {path} exists already: choose another --run-name, "
                           f"or continue it with --resume {path}")
