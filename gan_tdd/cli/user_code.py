"""Your own callbacks and networks in a main.py run: `--callback my_module:MyCallback`,
`--generator my_module:my_generator`, `--discriminator my_module:my_discriminator`.

A spec names a module and a name in it, as `module:name`; the module is imported as `python -m`
would, from the current directory first, or given as a path, `path/to/file.py:name`. A callback's
spec may add keyword arguments as Python literals: `my_module:EveryN(n=5, name="x")`. Each spec
is recorded in settings.json, so `--resume` and `sample` load the same code again.
"""
import ast
import importlib
import importlib.util
import os
import re
import sys
from pathlib import Path

from gan_tdd.cli.usage import UsageError

SPEC = re.compile(r"^\s*(?P<module>[^:()]+?)\s*:\s*(?P<name>[A-Za-z_]\w*)\s*(?:\((?P<arguments>.*)\))?\s*$", re.S)


def _module(path_or_name, flag):
    if path_or_name.endswith(".py"):
        path = Path(path_or_name)
        if not path.is_file():
            raise UsageError(f"argument {flag}: no such file {path_or_name}")
        module_name = f"gan_tdd_user_{path.stem}"
        if module_name in sys.modules:
            return sys.modules[module_name]
        spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as error:  # the user's module: any error there is theirs to see, in one line
            del sys.modules[module_name]
            raise UsageError(f"argument {flag}: importing {path_or_name} failed: "
                             f"{type(error).__name__}: {error}") from None
        return module
    # As `python -m` does: the current directory comes first.
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        return importlib.import_module(path_or_name)
    except ModuleNotFoundError as error:
        raise UsageError(f"argument {flag}: cannot import {path_or_name!r} ({error}); give a module on "
                         "the Python path or in the current directory, or a path ending in .py") from None
    except Exception as error:
        raise UsageError(f"argument {flag}: importing {path_or_name!r} failed: {type(error).__name__}: "
                         f"{error}") from None


def _keyword_arguments(text, spec, flag):
    """The keyword arguments of `name(a=1, b="x")`, each a Python literal."""
    if not text or not text.strip():
        return {}
    try:
        call = ast.parse(f"f({text})", mode="eval").body
        if call.args:
            raise ValueError("give arguments by keyword, name=value")
        return {keyword.arg: ast.literal_eval(keyword.value) for keyword in call.keywords}
    except (SyntaxError, ValueError) as error:
        raise UsageError(f"argument {flag}: {spec!r}: the arguments must be name=value pairs of Python "
                         f"literals ({error})") from None


def load_object(spec, flag):
    """The object a `module:name` spec names, and the keyword arguments it gives.

    Returns:
        (object, keyword arguments as a dict).

    Raises:
        UsageError: a spec that is not module:name, a module that cannot be imported, a name
            that the module lacks; one line that names the flag.
    """
    match = SPEC.match(spec)
    if match is None:
        raise UsageError(f"argument {flag}: expected module:name (or path/to/file.py:name), got {spec!r}")
    module = _module(match["module"], flag)
    if not hasattr(module, match["name"]):
        raise UsageError(f"argument {flag}: {match['module']} has no {match['name']!r}")
    return getattr(module, match["name"]), _keyword_arguments(match["arguments"], spec, flag)


def load_callback(spec):
    """The Callback instance a `--callback` spec makes: module:Class or module:Class(name=value, ...)."""
    from gan_tdd.callbacks.base import Callback

    made, arguments = load_object(spec, "--callback")
    try:
        callback = made(**arguments)
    except Exception as error:
        raise UsageError(f"argument --callback: {spec!r} failed: {type(error).__name__}: {error}") from None
    if not isinstance(callback, Callback):
        raise UsageError(f"argument --callback: {spec!r} made a {type(callback).__name__}, not a "
                         "gan_tdd Callback (subclass gan_tdd.Callback)")
    return callback


def load_network(spec, flag):
    """The function a `--generator` or `--discriminator` spec names."""
    function, arguments = load_object(spec, flag)
    if arguments:
        raise UsageError(f"argument {flag}: a network takes no arguments here, got {spec!r}")
    if not callable(function):
        raise UsageError(f"argument {flag}: {spec!r} is not a function")
    return function
