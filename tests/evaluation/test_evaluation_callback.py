"""EvaluationCallback: metrics at the end of every n-th epoch, in the logs, in TensorBoard, and warnings."""
import logging

import numpy as np
import pytest
import tensorflow as tf

from gan_tdd import Callback, GANDataset, GANModel
from gan_tdd.data import load_mnist
from gan_tdd.evaluation import EvaluationCallback, Evaluator, MNISTClassifier

v1 = tf.compat.v1

NOISE_DIM = 4
METRIC_NAMES = ("mnist_score", "frechet_distance", "classes_covered", "mean_p_fake")


@pytest.fixture(scope="module")
def evaluator():
    """A real evaluator whose reference is 500 test digits: enough to score, quick to build."""
    with MNISTClassifier() as classifier:
        yield Evaluator(classifier, real_images=load_mnist("test")[0][:500])


def tiny_mnist_gan():
    """An MNIST-sized GAN with 4-channel networks, and a session with its variables initialized."""
    model = GANModel(noise_dim=NOISE_DIM, generator_width=4, discriminator_width=4, seed=0)
    session = v1.Session(graph=model.graph)
    model.initialize(session)
    return model, session


@pytest.fixture(scope="module")
def untrained():
    """One untrained GAN for the tests that drive the hooks by hand: they never train it."""
    model, session = tiny_mnist_gan()
    with session:
        yield model, session


@pytest.fixture
def model(untrained):
    return untrained[0]


@pytest.fixture
def session(untrained):
    return untrained[1]


@pytest.fixture
def fresh():
    """A new GAN for each test that trains, so that its step and epoch counters start at 0."""
    model, session = tiny_mnist_gan()
    with session:
        yield model, session


@pytest.fixture
def dataset():
    """Eight real digits in batches of four: two steps an epoch."""
    return GANDataset(load_mnist("test")[0][:8], noise_dim=NOISE_DIM, batch_size=4, seed=0)


class StubEvaluator:
    """Returns fixed metrics, so the callback's reactions can be tested without a classifier."""

    def __init__(self, classes_covered=10):
        histogram = [1.0 / classes_covered] * classes_covered + [0.0] * (10 - classes_covered)
        self.metrics = {"mnist_score": 5.0, "frechet_distance": 20.0,
                        "classes_covered": classes_covered, "class_histogram": histogram}

    def evaluate(self, images):
        return dict(self.metrics)


class RecordEpochLogs(Callback):
    """Keeps a copy of the logs each epoch ends with, as the callbacks after evaluation see them."""

    def __init__(self):
        self.epoch_logs = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_logs.append(dict(logs))


def run_one_epoch(callback, model, session, p_fake):
    """Drive the callback's hooks by hand through one epoch of two steps with the given p_fake."""
    logs = {"d_loss": 1.0, "g_loss": 1.0}
    callback.set_model(model, session)
    callback.on_epoch_begin(0)
    for step in (1, 2):
        callback.on_step_end(step, {"d_loss": 1.0, "g_loss": 1.0, "p_fake": p_fake})
    callback.on_epoch_end(0, logs)
    return logs


def test_evaluation_callback_adds_the_metrics_to_the_logs_later_callbacks_see(fresh, dataset, evaluator):
    """After fit, a callback listed after it finds the metrics, as plain numbers, in the epoch's logs."""
    model, session = fresh
    evaluation = EvaluationCallback(sample_count=50, evaluator=evaluator)
    recorder = RecordEpochLogs()

    model.fit(session, dataset, epochs=1, callbacks=[evaluation, recorder])

    logs = recorder.epoch_logs[0]
    assert set(METRIC_NAMES) <= set(logs)
    assert type(logs["mnist_score"]) is float and 1.0 <= logs["mnist_score"] <= 10.0
    assert type(logs["frechet_distance"]) is float and logs["frechet_distance"] >= 0.0
    assert type(logs["classes_covered"]) is int and 0 <= logs["classes_covered"] <= 10
    assert type(logs["mean_p_fake"]) is float and 0.0 <= logs["mean_p_fake"] <= 1.0


def test_evaluation_callback_evaluates_only_every_n_th_epoch(fresh, dataset, evaluator):
    """With every_n_epochs=2, three epochs give one evaluation, after epoch 2."""
    model, session = fresh
    evaluation = EvaluationCallback(every_n_epochs=2, sample_count=20, evaluator=evaluator)
    recorder = RecordEpochLogs()

    model.fit(session, dataset, epochs=3, callbacks=[evaluation, recorder])

    assert [metrics["epoch"] for metrics in evaluation.history] == [2]
    assert ["mnist_score" in logs for logs in recorder.epoch_logs] == [False, True, False]


def test_evaluation_callback_asks_for_p_fake_only_in_epochs_it_evaluates(model, session):
    """Its fetches are empty in the epochs it skips, so they cost nothing."""
    evaluation = EvaluationCallback(every_n_epochs=2, evaluator=StubEvaluator())
    evaluation.set_model(model, session)

    evaluation.on_epoch_begin(0)
    skipped = evaluation.fetches(1)
    evaluation.on_epoch_begin(1)
    evaluated = evaluation.fetches(2)

    assert skipped is None
    assert evaluated == {"p_fake": model.p_fake}


def test_evaluation_callback_scores_the_same_fixed_noise_every_time(model, session, evaluator):
    """The noise is drawn once from the seed: an unchanged generator gets unchanged metrics."""
    evaluation = EvaluationCallback(sample_count=30, evaluator=evaluator, seed=7)

    first = run_one_epoch(evaluation, model, session, p_fake=0.5)
    second = run_one_epoch(evaluation, model, session, p_fake=0.5)

    assert first == second
    np.testing.assert_array_equal(
        evaluation.noise, np.random.default_rng(7).standard_normal((30, NOISE_DIM), dtype=np.float32))


def test_evaluation_callback_writes_scalars_that_summary_iterator_reads_back(fresh, dataset, evaluator,
                                                                             tmp_path):
    """Each metric becomes a scalar `evaluation/<name>` at the generator step that ended the epoch."""
    model, session = fresh
    evaluation = EvaluationCallback(sample_count=20, evaluator=evaluator, logdir=tmp_path)

    model.fit(session, dataset, epochs=1, callbacks=[evaluation])

    events = [event for path in sorted(tmp_path.glob("events.out.tfevents.*"))
              for event in v1.train.summary_iterator(str(path))]
    scalars = {value.tag: (event.step, value.simple_value)
               for event in events for value in event.summary.value}
    metrics = evaluation.history[0]
    for name in METRIC_NAMES:
        assert scalars[f"evaluation/{name}"] == (2, pytest.approx(metrics[name], rel=1e-6))
    assert scalars["evaluation/class_fraction/0"][1] == pytest.approx(metrics["class_histogram"][0])
    assert len([tag for tag in scalars if tag.startswith("evaluation/class_fraction/")]) == 10


def test_evaluation_callback_logs_one_line_of_metrics_per_evaluation(model, session, caplog):
    """An info line on the "gan_tdd" logger names the epoch and each metric."""
    evaluation = EvaluationCallback(sample_count=10, evaluator=StubEvaluator())

    with caplog.at_level(logging.INFO, logger="gan_tdd"):
        run_one_epoch(evaluation, model, session, p_fake=0.5)

    assert [record.levelname for record in caplog.records] == ["INFO"]
    assert "epoch 1 evaluation on 10 samples: mnist_score 5.000 frechet_distance 20.000" in caplog.text


def test_evaluation_callback_warns_when_the_samples_collapse_onto_few_digits(model, session, caplog):
    """Samples covering 3 of the 10 digits: a warning that says mode collapse in plain words."""
    evaluation = EvaluationCallback(sample_count=10, evaluator=StubEvaluator(classes_covered=3))

    with caplog.at_level(logging.WARNING, logger="gan_tdd"):
        run_one_epoch(evaluation, model, session, p_fake=0.5)

    assert len(caplog.records) == 1
    assert "collapse onto 3 of 10 digits" in caplog.text
    assert "mode collapse" in caplog.text


def test_evaluation_callback_warns_when_the_discriminator_overpowers_the_generator(model, session, caplog):
    """A mean p_fake of 0.01 over the epoch: a warning that the generator learns little."""
    evaluation = EvaluationCallback(sample_count=10, evaluator=StubEvaluator())

    with caplog.at_level(logging.WARNING, logger="gan_tdd"):
        logs = run_one_epoch(evaluation, model, session, p_fake=0.01)

    assert logs["mean_p_fake"] == pytest.approx(0.01)
    assert len(caplog.records) == 1
    assert "discriminator overpowers the generator" in caplog.text


def test_evaluation_callback_stays_quiet_when_training_looks_healthy(model, session, caplog):
    """All ten digits covered and p_fake near 0.5: no warning."""
    evaluation = EvaluationCallback(sample_count=10, evaluator=StubEvaluator())

    with caplog.at_level(logging.WARNING, logger="gan_tdd"):
        run_one_epoch(evaluation, model, session, p_fake=0.45)

    assert caplog.records == []


@pytest.mark.parametrize("arguments, message", [
    pytest.param({"every_n_epochs": 0}, "every_n_epochs", id="every_n_epochs_zero"),
    pytest.param({"sample_count": 1}, "sample_count", id="one_sample"),
])
def test_evaluation_callback_rejects_bad_settings_by_name(arguments, message):
    """Bad settings fail when the callback is made, naming the argument."""
    with pytest.raises(ValueError, match=message):
        EvaluationCallback(**arguments)
