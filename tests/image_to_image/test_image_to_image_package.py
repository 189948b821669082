"""The image_to_image package: every name it lists resolves, and its damages come without TensorFlow."""
import subprocess
import sys

import pytest

import gan_tdd.image_to_image


@pytest.mark.slow(reason="starts a Python process of its own, where TensorFlow has not loaded")
def test_the_damages_load_without_tensorflow():
    """damage.py is numpy alone, so a command line can check a damage's name before TensorFlow starts."""
    code = ("import sys; from gan_tdd.image_to_image import get_damage; get_damage('noise'); "
            "print('tensorflow' in sys.modules)")

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("name", gan_tdd.image_to_image.__all__)
def test_every_public_name_of_image_to_image_resolves(name):
    """`from gan_tdd.image_to_image import X` works for each name the package lists."""
    assert getattr(gan_tdd.image_to_image, name) is not None
