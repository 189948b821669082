"""The package's layout: every public name resolves, and the library stands apart from the command line."""
import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import gan_tdd

PACKAGE = Path(gan_tdd.__file__).parent


@pytest.mark.parametrize("name", gan_tdd.__all__)
def test_every_public_name_resolves(name):
    """`from gan_tdd import X` works for each name the package lists."""
    assert getattr(gan_tdd, name) is not None


def test_every_callback_is_importable_from_the_package_and_from_callbacks():
    """The callbacks live in gan_tdd.callbacks, and the package's top level offers each of them."""
    import gan_tdd.callbacks

    for name in gan_tdd.callbacks.__all__:
        assert getattr(gan_tdd, name) is getattr(gan_tdd.callbacks, name)


@pytest.mark.slow(reason="imports TensorFlow in a process of its own")
def test_importing_the_library_loads_nothing_of_the_command_line():
    """Model, data, training loop, callbacks and evaluation: not one module of gan_tdd.cli comes along."""
    code = ("import sys, gan_tdd.model, gan_tdd.data, gan_tdd.training, gan_tdd.callbacks, gan_tdd.checkpoints, "
            "gan_tdd.evaluation, gan_tdd.images; from gan_tdd import *; "
            "print(sorted(name for name in sys.modules if name.startswith('gan_tdd.cli')))")

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def imported_modules(path):
    """The absolute module names that one source file imports, anywhere in it."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_the_command_line_imports_it():
    """Read from the source, so an import inside a function that a test never runs counts too."""
    library = [path for path in PACKAGE.rglob("*.py") if "cli" not in path.relative_to(PACKAGE).parts]

    offenders = {str(path.relative_to(PACKAGE)): sorted(name for name in imported_modules(path)
                                                        if name.startswith("gan_tdd.cli"))
                 for path in library}

    assert {path: names for path, names in offenders.items() if names} == {}


def test_every_test_the_docs_name_exists():
    """docs/ and README point readers at tests by path and name (Class::method too), and at the
    fixtures' conftest.py files: each must be there to read."""
    root = PACKAGE.parent
    names = {}
    for path in (root / "tests").rglob("*.py"):
        body = ast.parse(path.read_text()).body
        # A test function, a test class, or a class's test method as pytest names it: Class::method.
        names[str(path.relative_to(root))] = {node.name for node in body
                                              if isinstance(node, (ast.FunctionDef, ast.ClassDef))} | {
            f"{node.name}::{method.name}" for node in body if isinstance(node, ast.ClassDef)
            for method in node.body if isinstance(method, ast.FunctionDef)}
    cited = [(doc.name, match.group(1), match.group(2))
             for doc in [root / "README.md", *(root / "docs").glob("*.md")]
             for match in re.finditer(r"(tests/[\w/]+\.py)(?:::(\w+(?:::\w+)?))?", doc.read_text(encoding="utf-8"))]

    assert [cite for cite in cited if cite[1] not in names or (cite[2] and cite[2] not in names[cite[1]])] == []
