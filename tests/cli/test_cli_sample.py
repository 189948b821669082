"""`main.py sample`: images from a run's last checkpoint, and mistakes refused in one line."""
import numpy as np
import pytest
from PIL import Image

from gan_tdd.cli import main
from gan_tdd.cli.settings import RunSettings

# Each costs a model build or more beyond the run itself: left out of the fast loop, where one
# test of each command (train, resume aside, sample, restore) stays.
END_TO_END = pytest.mark.slow(reason="trains a main.py run end to end, then reads, samples, restores or resumes it")


def test_sample_writes_a_float32_array_in_minus_one_to_one(trained_run, tmp_path):
    """`sample --output FILE.npy` writes (count, 28, 28, 1) float32 images from the last checkpoint."""
    output = tmp_path / "digits.npy"

    status = main(["sample", "--run", str(trained_run()), "--count", "5",
                   "--output", str(output)])

    images = np.load(output)
    assert status == 0
    assert images.shape == (5, 28, 28, 1) and images.dtype == np.float32
    assert images.min() >= -1 and images.max() <= 1


@END_TO_END
def test_sample_to_a_png_writes_a_grid_picture(trained_run, tmp_path):
    """`sample --output FILE.png` writes one picture holding all the images."""
    output = tmp_path / "digits.png"

    main(["sample", "--run", str(trained_run()), "--count", "4", "--output", str(output)])

    # Two by two images of 28 pixels with 1-pixel borders, drawn at twice the size.
    assert Image.open(output).size == (2 * (2 * 29 + 1), 2 * (2 * 29 + 1))


@END_TO_END
def test_sample_refuses_to_overwrite_a_file_unless_asked(trained_run, tmp_path, capsys):
    """An existing output file is kept, and the message names --overwrite."""
    output = tmp_path / "mine.npy"
    output.write_bytes(b"precious")

    status = main(["sample", "--run", str(trained_run()), "--output", str(output)])

    assert status == 2
    assert output.read_bytes() == b"precious"
    assert "--overwrite" in capsys.readouterr().err


def test_sample_into_a_directory_that_does_not_exist_is_refused_before_sampling(tmp_path, capsys, one_line):
    """The missing directory is named, before any model is built."""
    status = main(["sample", "--run", str(tmp_path), "--output", str(tmp_path / "nowhere" / "digits.npy")])

    assert status == 2
    assert one_line(capsys.readouterr().err) == (
        f"main.py sample: error: argument --output: the directory {tmp_path / 'nowhere'} does not exist")


def test_a_run_without_a_checkpoint_is_refused_in_one_line(tmp_path, capsys, one_line):
    """A run killed before its first checkpoint has nothing to sample from, and says so."""
    run = tmp_path / "killed-early"
    run.mkdir()
    RunSettings(seed=0, image_shape=[28, 28, 1]).write(run)

    status = main(["sample", "--run", str(run), "--output", str(tmp_path / "digits.npy")])

    assert status == 2
    assert one_line(capsys.readouterr().err) == f"main.py sample: error: argument --run: {run} holds no checkpoint yet"


@pytest.mark.parametrize("arguments, message", [
    pytest.param(["--run", "{tmp}"], "argument --run: {tmp} is not a run directory: it has no settings.json",
                 id="a_directory_that_is_not_a_run"),
    pytest.param(["--run", "{tmp}", "--output", "{tmp}/digits.jpg"], "argument --output: must end in .npy or .png",
                 id="an_output_that_is_neither_npy_nor_png"),
    pytest.param(["--run", "{tmp}", "--count", "0"], "argument --count: must be an integer >= 1, got '0'",
                 id="a_count_of_zero"),
])
def test_a_mistake_is_answered_in_one_line_before_tensorflow_loads(tmp_path, refused, arguments, message):
    """The flags, the output and the run directory are checked with the standard library alone."""
    arguments = [argument.format(tmp=tmp_path) for argument in arguments]
    if "--output" not in arguments:
        arguments += ["--output", str(tmp_path / "digits.npy")]

    line = refused("sample", *arguments)

    assert line.startswith("main.py sample: error: " + message.format(tmp=tmp_path))
