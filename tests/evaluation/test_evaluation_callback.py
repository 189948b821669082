"""EvaluationCallback: metrics at the end of every n-th epoch, in the logs, in TensorBoard, and warnings."""
import logging

import numpy as np
import one_layer_networks
import pytest
import tensorflow as tf

from gan_tdd import Callback, GANDataset, GANModel
from gan_tdd.data import bytes_to_gan_range, fixed_noise, load_mnist
from gan_tdd.evaluation import EvaluationCallback, Evaluator, MNISTClassifier
from gan_tdd.evaluation.metrics import clustering_accuracy
from gan_tdd.models import ACGANModel, ConditionalGANModel, InfoGANModel, SelfConditionedGANModel

v1 = tf.compat.v1

NOISE_DIM = 4
METRIC_NAMES = ("mnist_score", "frechet_distance", "classes_covered", "mean_p_fake")


@pytest.fixture(scope="module")
def evaluator():
    """A real evaluator whose reference is 500 test digits: enough to score, quick to build."""
    with MNISTClassifier() as classifier:
        yield Evaluator(classifier, real_images=load_mnist("test")[0][:500])


@pytest.fixture(scope="module")
def mnist_sized_gan(build_once):
    """An MNIST-sized GAN with the suite's one-layer networks, shared: what the callback asks
    of a model is the same whatever its networks."""
    return build_once(GANModel, noise_dim=NOISE_DIM, seed=0, networks=one_layer_networks)


@pytest.fixture(scope="module")
def untrained(mnist_sized_gan):
    """The GAN with one session for the tests that drive the hooks by hand: they never train it."""
    with v1.Session(graph=mnist_sized_gan.graph) as session:
        mnist_sized_gan.initialize(session)
        yield mnist_sized_gan, session


@pytest.fixture
def model(untrained):
    return untrained[0]


@pytest.fixture
def session(untrained):
    return untrained[1]


@pytest.fixture
def fresh(mnist_sized_gan):
    """The GAN to train with a new session, so that its variables, step and epoch counters start anew."""
    with v1.Session(graph=mnist_sized_gan.graph) as session:
        mnist_sized_gan.initialize(session)
        yield mnist_sized_gan, session


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


class RecordingEvaluator(StubEvaluator):
    """A StubEvaluator that keeps what it was asked to score, and answers with the figures a
    labelled model's or InfoGAN's evaluation adds."""

    def __init__(self):
        super().__init__()
        self.calls = []

    def evaluate(self, images, labels=None, codes=None):
        self.calls.append({"images": images, "labels": labels, "codes": codes})
        metrics = dict(self.metrics)
        if labels is not None:
            metrics.update(label_accuracy=0.25, label_accuracy_per_digit=[0.25] * 10)
        if codes is not None:
            metrics.update(code_class_match=0.5, code_to_digit=[9 - code for code in range(10)])
        return metrics


@pytest.fixture(scope="module")
def tiny_models(build_once):
    """Tiny MNIST-sized models by class and options, with the one-layer networks, each built once
    and shared (conftest.py's `build_once`)."""
    return lambda model_class, **options: build_once(model_class, noise_dim=NOISE_DIM, networks=one_layer_networks,
                                                     seed=0, **options)


@pytest.fixture
def tiny_session(tiny_models):
    """`tiny_session(model_class, **options)`: a tiny model of that class, and a new session of
    this test's with its variables initialized."""
    sessions = []

    def open_one(model_class, **options):
        model = tiny_models(model_class, **options)
        sessions.append(v1.Session(graph=model.graph))
        model.initialize(sessions[-1])
        return model, sessions[-1]
    yield open_one
    for session in sessions:
        session.close()


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


def test_evaluation_callback_asks_a_self_conditioned_gan_for_its_clusters_in_proportion_and_no_label_accuracy(
        tiny_session):
    """Its clusters are not digits: the samples are what generate draws by default, scored as a GAN's."""
    model, session = tiny_session(SelfConditionedGANModel, clusters=3)
    evaluator = RecordingEvaluator()
    with session:
        logs = run_one_epoch(EvaluationCallback(sample_count=30, evaluator=evaluator), model, session,
                             p_fake=0.5)
        expected_images = model.generate(session, fixed_noise(30, NOISE_DIM, 0))

    assert evaluator.calls[0]["labels"] is None and evaluator.calls[0]["codes"] is None
    np.testing.assert_array_equal(evaluator.calls[0]["images"], expected_images)
    assert "label_accuracy" not in logs and logs["mnist_score"] == 5.0


@pytest.mark.parametrize("model_class", [
    pytest.param(ConditionalGANModel, id="conditional"),
    pytest.param(ACGANModel, id="acgan"),
])
def test_evaluation_callback_asks_a_labelled_model_for_every_digit_in_turn_and_logs_label_accuracy(
        tiny_session, model_class):
    """The fixed noise is drawn with labels 0, 1, ..., 9, 0, ...: 30 samples ask for each digit
    three times; the label accuracy goes into the epoch's logs, the per-digit list does not."""
    model, session = tiny_session(model_class)
    evaluator = RecordingEvaluator()
    with session:
        logs = run_one_epoch(EvaluationCallback(sample_count=30, evaluator=evaluator), model, session,
                             p_fake=0.5)
        expected_images = model.generate(session, fixed_noise(30, NOISE_DIM, 0), labels=np.arange(30) % 10)

    np.testing.assert_array_equal(evaluator.calls[0]["labels"], np.arange(30) % 10)
    np.testing.assert_array_equal(evaluator.calls[0]["images"], expected_images)
    assert logs["label_accuracy"] == 0.25
    assert "label_accuracy_per_digit" not in logs


def test_evaluation_callback_asks_infogan_for_every_code_in_turn_and_logs_the_code_class_match(tiny_session):
    """InfoGAN's fixed samples take categorical codes 0, 1, ..., 9, 0, ... and continuous codes drawn
    once from their prior, uniform in [-1, 1], as training draws them (with codes 0 its samples
    would all sit at the middle of each code's range); the code-class match goes into the logs."""
    model, session = tiny_session(InfoGANModel, categorical_dim=10, continuous_dim=2)
    evaluator = RecordingEvaluator()
    callback = EvaluationCallback(sample_count=20, evaluator=evaluator)
    with session:
        logs = run_one_epoch(callback, model, session, p_fake=0.5)
        expected = model.generate(session, callback.noise, codes=(np.arange(20) % 10, callback.continuous_codes))

    np.testing.assert_array_equal(evaluator.calls[0]["codes"], np.arange(20) % 10)
    np.testing.assert_allclose(evaluator.calls[0]["images"], expected, atol=1e-6)
    assert callback.continuous_codes.shape == (20, 2) and np.abs(callback.continuous_codes).max() <= 1
    assert np.abs(callback.continuous_codes).min() > 0
    assert evaluator.calls[0]["labels"] is None
    assert logs["code_class_match"] == 0.5
    assert "label_accuracy" not in logs and "code_to_digit" not in logs


def test_evaluation_callback_asks_a_plain_gan_for_neither_labels_nor_codes(model, session):
    """A GAN draws no digit on request: it is scored on images alone, as before."""
    evaluator = RecordingEvaluator()

    logs = run_one_epoch(EvaluationCallback(sample_count=10, evaluator=evaluator), model, session, p_fake=0.5)

    assert evaluator.calls[0]["labels"] is None and evaluator.calls[0]["codes"] is None
    assert "label_accuracy" not in logs and "code_class_match" not in logs


def test_evaluation_callback_logs_the_label_accuracy_per_digit_on_its_line(tiny_session, caplog):
    """The info line gives the overall accuracy and each digit's."""
    model, session = tiny_session(ConditionalGANModel)
    with session, caplog.at_level(logging.INFO, logger="gan_tdd"):
        run_one_epoch(EvaluationCallback(sample_count=10, evaluator=RecordingEvaluator()), model, session,
                      p_fake=0.5)

    assert "label_accuracy 0.250 per digit [0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25 0.25]" in caplog.text


def test_evaluation_callback_logs_infogans_code_class_match_and_each_codes_digit(tiny_session, caplog):
    """The info line gives the match and the digit each code stands for."""
    model, session = tiny_session(InfoGANModel)
    with session, caplog.at_level(logging.INFO, logger="gan_tdd"):
        run_one_epoch(EvaluationCallback(sample_count=10, evaluator=RecordingEvaluator()), model, session,
                      p_fake=0.5)

    assert "code_class_match 0.500 digit of each code [9 8 7 6 5 4 3 2 1 0]" in caplog.text


def test_evaluation_callback_scores_infogans_q_as_a_classifier_of_real_digits(tiny_session, caplog):
    """q_accuracy: Q's categories of real test digits against their labels under the best
    one-to-one mapping, the InfoGAN paper's own measure (5% error on MNIST)."""
    model, session = tiny_session(InfoGANModel)
    images, labels = load_mnist("test")
    callback = EvaluationCallback(sample_count=10, evaluator=RecordingEvaluator(),
                                  real_digits=(images[:50], labels[:50]))
    with session, caplog.at_level(logging.INFO, logger="gan_tdd"):
        logs = run_one_epoch(callback, model, session, p_fake=0.5)
        expected, _ = clustering_accuracy(model.q_categories(session, bytes_to_gan_range(images[:50])), labels[:50])

    assert logs["q_accuracy"] == pytest.approx(expected)
    assert f"q_accuracy {expected:.3f} on 50 real digits" in caplog.text


def test_evaluation_callback_writes_label_accuracy_to_tensorboard(tiny_session, tmp_path):
    """`evaluation/label_accuracy` and one `evaluation/label_accuracy_per_digit/D` per digit."""
    model, session = tiny_session(ConditionalGANModel)
    evaluation = EvaluationCallback(sample_count=10, evaluator=RecordingEvaluator(), logdir=tmp_path)
    with session:
        run_one_epoch(evaluation, model, session, p_fake=0.5)
        evaluation.on_train_end()

    scalars = {value.tag: value.simple_value for path in tmp_path.glob("events.out.tfevents.*")
               for event in v1.train.summary_iterator(str(path)) for value in event.summary.value}
    assert scalars["evaluation/label_accuracy"] == 0.25
    assert [scalars[f"evaluation/label_accuracy_per_digit/{digit}"] for digit in range(10)] == [0.25] * 10


def test_evaluation_callback_gives_a_conditional_gans_label_accuracy_as_a_float(tiny_session, evaluator):
    """With the real classifier, the label accuracy in the logs is a plain float in [0, 1]."""
    model, session = tiny_session(ConditionalGANModel)
    with session:
        logs = run_one_epoch(EvaluationCallback(sample_count=50, evaluator=evaluator), model, session,
                             p_fake=0.5)

    assert type(logs["label_accuracy"]) is float and 0.0 <= logs["label_accuracy"] <= 1.0
