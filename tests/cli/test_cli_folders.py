"""`main.py --data FOLDER`: your own pictures, in colour, at one size."""
import json

import numpy as np
import pytest
from PIL import Image

from gan_tdd.cli import main


@pytest.fixture
def pictures(tmp_path):
    """128 colour pictures of 40x36 pixels under tmp_path/pictures, some in a subfolder."""
    random = np.random.default_rng(0)
    for index in range(128):
        folder = tmp_path / "pictures" / ("more" if index % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(random.integers(0, 256, (36, 40, 3), dtype=np.uint8)).save(folder / f"{index}.png")
    return tmp_path / "pictures"


def test_a_folder_of_colour_pictures_trains_at_the_size_asked_and_draws_colour_grids(pictures, tmp_path, capsys):
    """And says what it measures there, since MNIST's classifier cannot: the samples' diversity,
    their distance to the nearest training picture (copying), D's probabilities."""
    status = main(["--data", str(pictures), "--image-size", "16", "--model", "gan", "--epochs", "1",
                   "--generator-width", "4", "--discriminator-width", "4", "--logdir", str(tmp_path / "runs"),
                   "--run-name", "mine", "--seed", "0"])

    run = tmp_path / "runs" / "mine"
    assert status == 0
    assert json.loads((run / "settings.json").read_text())["image_shape"] == [16, 16, 3]
    assert Image.open(run / "samples" / "epoch-001.png").mode == "RGB"
    said = capsys.readouterr().err
    assert ("measured after each epoch: sample_diversity, nearest_real (1 for new pictures, 0 for copies), "
            "mean_p_fake; MNIST's score and Frechet distance only on MNIST") in said
    assert "epoch 1/1: " in said and " nearest_real " in said.split("epoch 1/1: ")[-1]


@pytest.mark.parametrize("flags, message", [
    pytest.param([], "give --image-size (28, 32, 64, ...)", id="pictures_not_square"),
    pytest.param(["--image-size", "18"], "must be (height, width, channels) with height and width divisible by 4",
                 id="size_the_networks_cannot_draw"),
])
def test_a_folder_that_cannot_be_trained_as_it_is_is_one_line(pictures, tmp_path, capsys, one_line, flags, message):
    status = main(["--data", str(pictures), "--model", "gan", "--logdir", str(tmp_path / "runs"), *flags])

    assert status == 2 and message in one_line(capsys.readouterr().err)
    assert not (tmp_path / "runs").exists()


def test_image_size_with_mnist_is_one_line(tmp_path, capsys, one_line):
    status = main(["--image-size", "32", "--logdir", str(tmp_path / "runs")])

    assert status == 2
    assert "argument --image-size: only --data FOLDER (of your pictures) uses it" in one_line(capsys.readouterr().err)
