"""lazy_names: a package's public names, each imported from its module on first use."""
import sys
import types

import pytest

from gan_tdd.lazy_names import lazy_names


@pytest.fixture
def package():
    """A package whose one name, `sqrt`, lives in `math`, and nothing imported yet."""
    module = types.ModuleType("a_package")
    module.__getattr__, module.__dir__ = lazy_names("a_package", {"sqrt": "math"}, vars(module))
    return module


def test_a_name_is_imported_on_first_use_and_then_kept_in_the_package(package):
    """The first access imports the module; later ones find the name in the package itself."""
    assert "sqrt" not in vars(package)

    assert package.sqrt(9.0) == 3.0
    assert vars(package)["sqrt"] is sys.modules["math"].sqrt


def test_an_unknown_name_raises_attribute_error_naming_the_package(package):
    """As for any module: hasattr is False and the message names the package and the name."""
    with pytest.raises(AttributeError, match="module 'a_package' has no attribute 'cosine'"):
        package.cosine
    assert not hasattr(package, "cosine")


def test_dir_lists_the_lazy_names_before_they_are_imported(package):
    """dir() and tab completion show every public name, imported or not."""
    assert "sqrt" in dir(package) and "sqrt" not in vars(package)
