"""`python main.py evaluate FILE.npy`: the metrics of saved samples, or one clear line per bad file."""
import json

import numpy as np
import pytest

import gan_tdd.evaluation
import gan_tdd.evaluation.evaluator
from gan_tdd.data import load_mnist
from gan_tdd.cli.evaluate import evaluate


class StubEvaluator:
    """Stands in for the real Evaluator where only the output's format is under test."""

    metrics = {"mnist_score": 9.5, "frechet_distance": 1.25, "classes_covered": 10,
               "class_histogram": [0.1] * 10}

    def evaluate(self, images):
        return dict(self.metrics)


@pytest.fixture
def samples_file(tmp_path):
    """200 real test digits saved as the generator's output would be: float32 in [-1, 1]."""
    path = tmp_path / "samples.npy"
    np.save(path, load_mnist("test")[0][:200].astype(np.float32) / 127.5 - 1.0)
    return path


def save(tmp_path, array):
    path = tmp_path / "bad.npy"
    np.save(path, array)
    return path


def error_line(capsys):
    """Stdout must be empty and stderr one line: return that line."""
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


def test_evaluate_prints_each_metric_of_a_good_file_and_exits_with_0(samples_file, capsys, monkeypatch):
    """Real digits, scored by the real classifier: one line per metric, high figures."""
    test_images, test_labels = load_mnist("test")
    # The reference is the last 1,000 test digits instead of all 10,000: the same code, 10 times faster.
    monkeypatch.setattr(gan_tdd.evaluation.evaluator, "load_mnist",
                        lambda split: (test_images[-1000:], test_labels[-1000:]))

    code = evaluate([str(samples_file)])

    output = capsys.readouterr().out
    assert code == 0
    metrics = dict(line.split(maxsplit=1) for line in output.splitlines())
    assert set(metrics) == {"images", "mnist_score", "frechet_distance", "classes_covered",
                            "class_histogram"}
    assert metrics["images"] == "200"
    assert float(metrics["mnist_score"]) > 8.0
    assert metrics["classes_covered"] == "10"
    assert len(metrics["class_histogram"].split()) == 10


def test_evaluate_prints_json_when_asked(samples_file, capsys, monkeypatch):
    """--json prints one JSON object with the evaluator's metrics and the image count, for scripts."""
    monkeypatch.setattr(gan_tdd.evaluation, "Evaluator", StubEvaluator)

    code = evaluate([str(samples_file), "--json"])

    metrics = json.loads(capsys.readouterr().out)
    assert code == 0
    assert metrics == {"images": 200, **StubEvaluator.metrics}


def test_evaluate_names_a_missing_file(tmp_path, capsys):
    """A path that does not exist: exit status 2 and a line that says so."""
    code = evaluate([str(tmp_path / "nowhere.npy")])

    assert code == 2
    assert error_line(capsys).endswith("nowhere.npy: no such file")


def test_evaluate_rejects_a_file_that_is_not_an_npy_array(tmp_path, capsys):
    """A text file with an .npy name: exit status 2, no traceback."""
    path = tmp_path / "notes.npy"
    path.write_text("not an array\n")

    code = evaluate([str(path)])

    assert code == 2
    assert "is not a .npy array file" in error_line(capsys)


def test_evaluate_rejects_an_npz_archive(tmp_path, capsys):
    """An .npz holds several arrays; the line says to save the one array with np.save."""
    path = tmp_path / "samples.npz"
    np.savez(path, images=np.zeros((4, 28, 28, 1), np.float32))

    code = evaluate([str(path)])

    assert code == 2
    assert "is an .npz archive" in error_line(capsys)


@pytest.mark.parametrize("array, message", [
    pytest.param(np.zeros((4, 28, 28), np.float32), "has shape (4, 28, 28); expected (count, 28, 28, 1)",
                 id="no_channel_axis"),
    pytest.param(np.zeros((4, 32, 32, 1), np.float32), "has shape (4, 32, 32, 1)", id="wrong_size"),
    pytest.param(np.zeros((1, 28, 28, 1), np.float32), "holds 1 image; at least 2", id="one_image"),
    pytest.param(np.zeros((4, 28, 28, 1), np.uint8), "holds uint8 values; expected float32",
                 id="integer_pixels"),
    pytest.param(np.linspace(0, 255, 4 * 28 * 28, dtype=np.float32).reshape(4, 28, 28, 1),
                 "values in [0, 255]; expected [-1, 1]", id="pixels_in_0_255"),
    pytest.param(np.full((4, 28, 28, 1), np.nan, np.float32), "holds NaN or infinite values",
                 id="nan"),
])
def test_evaluate_rejects_arrays_that_are_not_generated_mnist_images(tmp_path, capsys, array, message):
    """Wrong shape, type or range: exit status 2 and one line that names the problem."""
    path = save(tmp_path, array)

    code = evaluate([str(path)])

    line = error_line(capsys)
    assert code == 2
    assert line.startswith(f"main.py evaluate: error: {path}")
    assert message in line


def test_evaluate_without_a_file_argument_says_so_in_one_line_and_exits_with_2(capsys):
    """No argument at all is a usage error: one line that names the missing argument."""
    code = evaluate([])

    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1 and "the following arguments are required: file" in error


def test_evaluate_answers_an_unknown_flag_with_one_line(tmp_path, capsys):
    """A flag evaluate does not know is named in a single line that points to --help."""
    code = evaluate([str(tmp_path / "samples.npy"), "--bogus"])

    error = capsys.readouterr().err
    assert code == 2
    assert error.count("\n") == 1 and "--bogus" in error and "--help" in error


def test_a_bad_file_is_answered_in_one_line_before_tensorflow_loads(tmp_path, refused):
    """`main.py evaluate` checks the file with numpy alone: one line, status 2, no traceback."""
    path = save(tmp_path, np.zeros((4, 28, 28), np.float32))

    line = refused("evaluate", path)

    assert line == (
        f"main.py evaluate: error: {path}: has shape (4, 28, 28); expected (count, 28, 28, 1); "
        "add the channel axis with images[..., None]")


@pytest.fixture
def labels_file(tmp_path):
    """The true labels of the 200 digits in samples_file, as the labels they were asked for."""
    path = tmp_path / "labels.npy"
    np.save(path, load_mnist("test")[1][:200])
    return path


def test_evaluate_with_labels_prints_the_label_accuracy_overall_and_per_digit(samples_file, labels_file,
                                                                              capsys, monkeypatch):
    """Real digits 'asked for' by their true labels: the classifier agrees with almost all of them."""
    test_images, test_labels = load_mnist("test")
    monkeypatch.setattr(gan_tdd.evaluation.evaluator, "load_mnist",
                        lambda split: (test_images[-1000:], test_labels[-1000:]))

    code = evaluate([str(samples_file), "--labels", str(labels_file)])

    metrics = dict(line.split(maxsplit=1) for line in capsys.readouterr().out.splitlines())
    assert code == 0
    assert float(metrics["label_accuracy"]) > 0.97
    assert len(metrics["label_accuracy_per_digit"].split()) == 10


def test_evaluate_with_labels_hands_them_to_the_evaluator_and_prints_json(samples_file, labels_file, capsys,
                                                                          monkeypatch):
    """The labels reach Evaluator.evaluate unchanged; --json keeps the per-digit list a list."""
    received = []

    class LabelStub(StubEvaluator):
        def evaluate(self, images, labels=None):
            received.append(labels)
            return {**self.metrics, "label_accuracy": 0.5, "label_accuracy_per_digit": [0.5] * 10}

    monkeypatch.setattr(gan_tdd.evaluation, "Evaluator", LabelStub)

    code = evaluate([str(samples_file), "--labels", str(labels_file), "--json"])

    metrics = json.loads(capsys.readouterr().out)
    assert code == 0
    np.testing.assert_array_equal(received[0], load_mnist("test")[1][:200])
    assert metrics["label_accuracy"] == 0.5 and metrics["label_accuracy_per_digit"] == [0.5] * 10


@pytest.mark.parametrize("labels, message", [
    pytest.param(np.zeros(199, np.int64), "holds 199 labels for 200 images", id="one_label_short"),
    pytest.param(np.zeros((200, 1), np.int64), "has shape (200, 1); expected (200,)", id="two_dimensional"),
    pytest.param(np.zeros(200, np.float32), "holds float32 values; expected integer digits",
                 id="float_labels"),
    pytest.param(np.full(200, 10), "holds labels in [10, 10]; expected digits 0 to 9", id="label_10"),
    pytest.param(np.full(200, -1), "holds labels in [-1, -1]; expected digits 0 to 9", id="negative"),
])
def test_evaluate_rejects_labels_that_do_not_fit_the_images(samples_file, tmp_path, capsys, labels, message):
    """Labels of the wrong count, shape, type or range: exit status 2 and one line naming the file."""
    path = tmp_path / "labels.npy"
    np.save(path, labels)

    code = evaluate([str(samples_file), "--labels", str(path)])

    line = error_line(capsys)
    assert code == 2
    assert line == f"main.py evaluate: error: {path}: {message}"


def test_evaluate_names_a_missing_labels_file(samples_file, tmp_path, capsys):
    """--labels naming no file: exit status 2, one line."""
    code = evaluate([str(samples_file), "--labels", str(tmp_path / "nowhere.npy")])

    assert code == 2
    assert error_line(capsys).endswith("nowhere.npy: no such file")


def test_a_labels_file_that_does_not_fit_is_answered_before_tensorflow_loads(samples_file, tmp_path, refused):
    """The labels are checked with numpy alone, like the samples: one line, status 2."""
    path = tmp_path / "labels.npy"
    np.save(path, np.arange(10))

    line = refused("evaluate", samples_file, "--labels", path)

    assert line == f"main.py evaluate: error: {path}: holds 10 labels for 200 images"


def test_evaluate_shows_a_digit_no_image_was_asked_for_as_a_dash_and_as_null_in_json(
        samples_file, tmp_path, capsys, monkeypatch):
    """Images all asked for 7: the other digits have no accuracy, '-' on the line, null in JSON
    (which has no NaN)."""
    labels = tmp_path / "sevens.npy"
    np.save(labels, np.full(200, 7))
    per_digit = [float("nan")] * 7 + [0.5] + [float("nan")] * 2

    class SevensStub(StubEvaluator):
        def evaluate(self, images, labels=None):
            return {**self.metrics, "label_accuracy": 0.5, "label_accuracy_per_digit": per_digit}

    monkeypatch.setattr(gan_tdd.evaluation, "Evaluator", SevensStub)

    evaluate([str(samples_file), "--labels", str(labels)])
    text = dict(line.split(maxsplit=1) for line in capsys.readouterr().out.splitlines())
    evaluate([str(samples_file), "--labels", str(labels), "--json"])
    as_json = json.loads(capsys.readouterr().out)

    assert text["label_accuracy_per_digit"] == "- - - - - - - 0.500 - -"
    assert as_json["label_accuracy_per_digit"] == [None] * 7 + [0.5, None, None]
