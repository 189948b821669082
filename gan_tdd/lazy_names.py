"""A package's public names, each imported from its module when first used (PEP 562).

`import gan_tdd` then loads nothing heavy: `main.py --help` and the command line's one-line
errors come before TensorFlow is loaded, and a name costs its import only where it is used.
"""
import importlib


def lazy_names(package, modules, namespace):
    """The `__getattr__` and `__dir__` a package's `__init__.py` assigns to make `modules` lazy.

        __getattr__, __dir__ = lazy_names(__name__, {"GANModel": "gan_tdd.model"}, globals())

    Args:
        package: the package's name, for the error an unknown name raises.
        modules: each public name and the module that defines it.
        namespace: the package's globals(): a name imported once is kept there, so later uses
            find it without calling __getattr__ again.

    Returns:
        (__getattr__, __dir__): __getattr__ raises AttributeError for a name not in `modules`;
        __dir__ lists the names in `namespace` and in `modules`, imported or not.
    """
    def __getattr__(name):
        if name not in modules:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(modules[name]), name)
        namespace[name] = value
        return value

    def __dir__():
        return sorted({*namespace, *modules})

    return __getattr__, __dir__
