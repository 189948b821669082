"""Tiny fixtures shared by the tests: a small model on 8x8 images, its session, and a data set."""
import gc
import os

import numpy as np
import pytest

from gan_tdd import GANDataset


def pytest_configure(config):
    """TensorFlow, quietly, before any test module imports it: in every process that runs tests.

    Not in the process that only hands tests out to `-n` workers (pytest-xdist's controller):
    it runs no test, and its import would cost every parallel run 3 s before a worker starts.
    """
    worker = getattr(config, "workerinput", None) is not None
    if not worker and config.getoption("numprocesses", default=None):
        return
    if worker:
        # The workers share the cores: one thread each, instead of two pools each as wide as the
        # machine fighting over them (the suite's tiny graphs gain nothing from more).
        os.environ.setdefault("TF_NUM_INTRAOP_THREADS", "1")
        os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")
    # Imported here first, so that no test or test process prints TensorFlow's start-up lines.
    from gan_tdd.quiet_tensorflow import tf

    # Grappler rewrites each new set of fetches for speed before its first run: worth it for a long
    # training run, but on the suite's tiny graphs that first-run setup costs more than the run
    # itself. It changes how a graph is executed, never what it computes.
    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})
    # Building graphs makes Python objects by the hundred thousand, and each full garbage
    # collection would walk TensorFlow's own million as well: frozen, they are left out of it.
    gc.freeze()

NOISE_DIM = 4
IMAGE_SHAPE = (8, 8, 1)


def build_tiny_model():
    """A GAN for 8x8 grey images with 4-d noise and 4-channel networks."""
    from gan_tdd import GANModel  # here, not above: it loads TensorFlow

    return GANModel(noise_dim=NOISE_DIM, image_shape=IMAGE_SHAPE, generator_width=4,
                    discriminator_width=4, seed=0)


@pytest.fixture(scope="session")
def shared_tiny_model():
    """The tiny model, built once per test process (a third of a second each time it is built).

    Its graph is finalized: a test that would add an op to it fails at once, so that no test can
    change what the next one reads (each test's `session` starts its variables afresh). A module
    whose tests add ops (a Checkpointer adds a Saver) overrides `tiny_model` with
    `tiny_model_of_its_own`.
    """
    model = build_tiny_model()
    model.graph.finalize()
    return model


@pytest.fixture
def tiny_model(shared_tiny_model):
    """The module's tiny model, as a test begins: not asked to stop; `session` gives fresh variables."""
    shared_tiny_model.stop_training = False
    return shared_tiny_model


@pytest.fixture
def tiny_model_of_its_own():
    """A tiny model built for one test alone, whose graph may grow."""
    return build_tiny_model()


@pytest.fixture
def session(tiny_model):
    """A new session on the tiny model's graph with every variable initialized."""
    from gan_tdd.quiet_tensorflow import tf

    with tf.compat.v1.Session(graph=tiny_model.graph) as session:
        tiny_model.initialize(session)
        yield session


@pytest.fixture
def tiny_images():
    """Twelve random 8x8 grey images in [-1, 1]."""
    return np.random.default_rng(0).uniform(-1, 1, (12, *IMAGE_SHAPE)).astype(np.float32)


@pytest.fixture
def tiny_dataset(tiny_images):
    """The twelve images in batches of 2: six batches an epoch."""
    return GANDataset(tiny_images, noise_dim=NOISE_DIM, batch_size=2, seed=0)


@pytest.fixture
def noise():
    """Three noise vectors for the tiny model."""
    return np.random.default_rng(1).standard_normal((3, NOISE_DIM)).astype(np.float32)


@pytest.fixture
def tiny_npz(tmp_path):
    """A Keras-style .npz of 128 random 28x28 digits-to-be: two batches of 64 an epoch."""
    path = tmp_path / "tiny.npz"
    images = np.random.default_rng(0).integers(0, 256, (128, 28, 28), dtype=np.uint8)
    np.savez(path, x_train=images, y_train=np.zeros(128, np.int64))
    return path


@pytest.fixture
def run_flags(tiny_npz, tmp_path):
    """main.py flags for a run of seconds: the tiny data set, 4-channel networks, no scoring."""
    return ["--data", str(tiny_npz), "--logdir", str(tmp_path / "runs"), "--generator-width", "4",
            "--discriminator-width", "4", "--evaluation-samples", "0", "--seed", "1"]
