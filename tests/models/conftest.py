"""Tiny fixtures for the models that draw what they are asked for."""
import numpy as np
import pytest
from two_classes import NOISE_DIM, two_class_images


@pytest.fixture
def labelled_batch():
    """Four two-class images with their labels, and four noise vectors."""
    images, labels = two_class_images(4)
    return images, labels, np.random.default_rng(1).standard_normal((4, NOISE_DIM)).astype(np.float32)
