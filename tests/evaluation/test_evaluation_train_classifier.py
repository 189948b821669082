"""The classifier's training script: a few steps on a few digits, the weights file it writes."""
import numpy as np
import pytest

from gan_tdd.data import load_mnist
from gan_tdd.evaluation import MNISTClassifier, train_classifier


@pytest.fixture
def few_digits(monkeypatch):
    """The script sees 256 training and 100 test digits instead of MNIST's 70,000."""
    images, labels = load_mnist("test")
    splits = {"train": (images[:256], labels[:256]), "test": (images[256:356], labels[256:356])}
    monkeypatch.setattr(train_classifier, "load_mnist", lambda split: splits[split])


def test_training_gives_a_weight_for_every_variable_of_the_classifier():
    """The names and shapes are those MNISTClassifier loads: kernels and biases of five layers."""
    images = np.zeros((64, 28, 28, 1), np.float32)
    labels = np.arange(64) % 10

    weights = train_classifier.train(images, labels, epochs=1, batch_size=32, log=lambda line: None)

    assert sorted(weights) == [f"{layer}/{part}" for layer in ("conv_1", "conv_2", "conv_3", "features",
                                                                "logits") for part in ("bias", "kernel")]
    assert weights["conv_1/kernel"].shape == (3, 3, 1, 32)
    assert weights["logits/kernel"].shape == (128, 10)


def test_training_script_writes_float16_weights_and_exits_with_1_below_99_percent(few_digits, tmp_path,
                                                                                  capsys):
    """Four steps on 256 digits: a float16 file that loads into a working classifier, and, since
    that cannot reach 99% on the test digits, a line on stderr and exit status 1."""
    output = tmp_path / "weights.npz"

    code = train_classifier.main(["--epochs", "1", "--output", str(output)])

    captured = capsys.readouterr()
    with np.load(output) as archive:
        dtypes = {archive[name].dtype for name in archive.files}
    with MNISTClassifier(output) as classifier:
        probabilities = classifier.probabilities(load_mnist("test")[0][:3])
    assert dtypes == {np.dtype(np.float16)}
    assert probabilities.shape == (3, 10)
    assert "test accuracy:" in captured.out
    assert code == 1
    assert "below 99%" in captured.err
