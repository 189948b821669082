"""`main.py --data ring` (or grid): the plain GAN on points in the plane, with its preset, frames
of the game, point figures after each epoch; `sample` writes points and `evaluate --data` scores them."""
import json

import numpy as np
import pytest

from gan_tdd.cli import main

END_TO_END = pytest.mark.slow(reason="trains a main.py run on points, then samples and scores it")


def train_ring(tmp_path, *extra):
    """One epoch of 10 steps (batches of 2,560) on the ring, with 8-unit networks; returns the run directory."""
    status = main(["--data", "ring", "--logdir", str(tmp_path / "runs"), "--run-name", "ring", "--seed", "0",
                   "--epochs", "1", "--generator-width", "8", "--discriminator-width", "8", "--batch-size", "2560",
                   "--images-every", "10", *extra])
    assert status == 0
    return tmp_path / "runs" / "ring"


def test_data_ring_trains_the_plain_gan_on_points_with_the_preset_it_prints(tmp_path, capsys):
    run = train_ring(tmp_path)

    settings = json.loads((run / "settings.json").read_text())
    assert "data ring: its preset --model gan, --networks points" in capsys.readouterr().err
    assert (settings["model"], settings["networks"], settings["pack"], settings["generator_width"],
            settings["noise_dim"], settings["image_shape"]) == ("gan", "points", 1, 8, 2, [2])
    assert sorted(path.name for path in (run / "samples").iterdir()) == [
        "progress.gif", "step-000000.png", "step-000010.png"]
    assert "epoch 1: " in (run / "train.log").read_text() and " of 8 modes covered" in (run / "train.log").read_text()


@pytest.mark.slow(reason="a second run on points through the ring test's path; packing's own tests are fast")
def test_pack_2_trains_a_discriminator_that_judges_two_points_at_once(tmp_path):
    run = train_ring(tmp_path, "--pack", "2")

    assert json.loads((run / "settings.json").read_text())["pack"] == 2
    assert (run / "samples" / "progress.gif").is_file()


@END_TO_END
def test_sample_writes_points_and_evaluate_scores_them_against_the_mixture(tmp_path, capsys):
    run = train_ring(tmp_path)

    assert main(["sample", "--run", str(run), "--count", "300", "--output", str(tmp_path / "points.npy")]) == 0
    assert main(["sample", "--run", str(run), "--count", "300", "--output", str(tmp_path / "points.png")]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "points.npy"), "--data", "ring", "--json"]) == 0

    figures = json.loads(capsys.readouterr().out)
    assert np.load(tmp_path / "points.npy").shape == (300, 2)
    assert figures["points"] == 300 and figures["modes"] == 8 and 0 <= figures["high_quality_share"] <= 1


@pytest.mark.parametrize("flags, message", [
    pytest.param(["--data", "ring", "--model", "conditional"],
                 "argument --model: --data ring holds points in the plane, which the plain GAN (--model gan) or the "
                 "self-conditioned GAN learns; not conditional", id="labelled_model"),
    pytest.param(["--data", "ring", "--networks", "dcgan"],
                 "argument --networks: --data ring holds points in the plane, which the points pair draws",
                 id="image_networks"),
    pytest.param(["--data", "grid", "--batch-size", "300"],
                 "argument --batch-size: must divide the 25,600 points and be a multiple of --pack 1", id="batch"),
    pytest.param(["--data", "ring", "--pack", "3"],
                 "argument --batch-size: must divide the 25,600 points and be a multiple of --pack 3", id="pack"),
    pytest.param(["--pack", "2", "--model", "conditional"], "--pack: only --model gan uses it", id="pack_of_a_labelled_model"),
    pytest.param(["--data", "grid", "--conditioning", "channels"],
                 "argument --conditioning: a point has no planes to add a cluster's channels to; the "
                 "self-conditioned GAN reads its clusters by projection on points", id="channels_on_points"),
])
def test_settings_that_points_cannot_take_are_one_line(tmp_path, capsys, flags, message):
    """One error line (after the preset's line, which says what the preset chose), and no run made."""
    status = main([*flags, "--logdir", str(tmp_path / "runs")])

    last = capsys.readouterr().err.splitlines()[-1]
    assert status == 2 and last.startswith("main.py: error: ") and message in last
    assert not (tmp_path / "runs").exists()


def test_the_points_pair_on_images_is_one_line(run_flags, tmp_path, capsys, one_line):
    status = main(run_flags + ["--model", "gan", "--networks", "points"])

    assert status == 2
    assert "argument --networks: points draws points in the plane" in one_line(capsys.readouterr().err)


def test_evaluate_refuses_images_given_as_points(tmp_path, capsys):
    np.save(tmp_path / "images.npy", np.zeros((3, 28, 28, 1), np.float32))

    status = main(["evaluate", str(tmp_path / "images.npy"), "--data", "ring"])

    assert status == 2
    assert "expected (count, 2) finite floats: points in the plane" in capsys.readouterr().err


def test_the_point_sets_named_for_the_flags_are_the_librarys():
    """Written out so that the flags need no numpy, they must match gan_tdd.data.points.POINT_SETS."""
    from gan_tdd.cli.settings import POINT_SETS
    from gan_tdd.data.points import POINT_SETS as LIBRARY_POINT_SETS

    assert POINT_SETS == tuple(LIBRARY_POINT_SETS)


def test_data_grid_trains_the_self_conditioned_gan_on_clusters_of_the_points_with_the_preset_it_prints(
        tmp_path, capsys):
    """The grid's 25 separate modes are what one cloud of noise cannot cover: its preset is the
    self-conditioned GAN, conditioned on k-means clusters of the points themselves."""
    status = main(["--data", "grid", "--logdir", str(tmp_path / "runs"), "--run-name", "grid", "--seed", "0",
                   "--epochs", "1", "--generator-width", "8", "--discriminator-width", "8", "--batch-size", "2560",
                   "--images-every", "10", "--clusters", "25"])

    run = tmp_path / "runs" / "grid"
    said = capsys.readouterr().err
    settings = json.loads((run / "settings.json").read_text())
    assert status == 0
    assert "data grid: its preset --model self-conditioned" in said
    assert "clusters: 25 found in 25,600 points" in said
    assert (settings["model"], settings["networks"], settings["clusters"]) == ("self-conditioned", "points", 25)
    assert np.load(run / "clusters.npy").shape == (25_600,)
    assert (run / "samples" / "step-000010.png").is_file()
