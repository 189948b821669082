"""`main.py --model`: conditional GAN, ACGAN and InfoGAN runs, and `sample --digit` / `--code` / `--sweep`."""
import dataclasses
import json

import numpy as np
import pytest
from PIL import Image

from gan_tdd.cli import main
from gan_tdd.cli.settings import RunSettings
from gan_tdd.cli.train import grid_inputs

# Each costs a model build or more beyond the run itself: left out of the fast loop, where one
# test of each command (train, resume aside, sample, restore) stays.
END_TO_END = pytest.mark.slow(reason="trains a main.py run end to end, then reads, samples, restores or resumes it")


@END_TO_END
def test_the_default_run_is_self_conditioned_records_its_model_and_clusters_and_draws_a_grid(trained_run):
    """With no --model, main.py trains the self-conditioned GAN (docs/unsupervised.md says why):
    settings.json says so, the run keeps its clusters, and each epoch's grid is 8 by 8."""
    run = trained_run()

    settings = json.loads((run / "settings.json").read_text())
    assert (settings["model"], settings["conditioning"], settings["clusters"]) == (
        "self-conditioned", "projection", 50)
    assert np.load(run / "clusters.npy").shape == (128,)
    assert Image.open(run / "samples" / "epoch-001.png").size == (2 * (8 * 29 + 1),) * 2


@END_TO_END
def test_sample_digit_draws_that_class_from_a_labelled_run(trained_run, tmp_path):
    """`sample --digit 3` feeds the label 3 to every image."""
    output = tmp_path / "threes.npy"

    status = main(["sample", "--run", str(trained_run("--model", "acgan")), "--digit", "3", "--count", "4",
                   "--output", str(output)])

    assert status == 0 and np.load(output).shape == (4, 28, 28, 1)


@END_TO_END
def test_an_acgan_run_resumes_with_its_model(a_copy_of_a_trained_run):
    """--resume rebuilds the run's own model from settings.json and trains on."""
    run = a_copy_of_a_trained_run("--model", "acgan")

    status = main(["--resume", str(run), "--epochs", "3"])

    assert status == 0
    assert len(list((run / "samples").glob("epoch-*.png"))) == 3


@END_TO_END
def test_sample_code_draws_from_an_infogan_run(trained_run, tmp_path):
    """An InfoGAN run needs no labels; `sample --code 2` fixes its categorical code."""
    output = tmp_path / "twos.npy"

    status = main(["sample", "--run", str(trained_run("--model", "infogan")), "--code", "2", "--count", "3",
                   "--output", str(output)])

    assert status == 0 and np.load(output).shape == (3, 28, 28, 1)


@END_TO_END
def test_an_infogan_runs_grid_has_a_row_per_code_and_the_same_noise_down_each_column(trained_run):
    """Ten rows of ten, InfoGAN's one layout (code_grid): row c draws categorical code c, and
    column j the same noise vector in every row, continuous codes 0."""
    grid = np.asarray(Image.open(trained_run("--model", "infogan") / "samples" / "final.png"))

    noise = np.arange(64 * 3, dtype=np.float32).reshape(64, 3)
    inputs = grid_inputs(RunSettings(model="infogan"), noise)
    categorical, continuous = inputs["codes"]

    # Ten images of 28 pixels with 1-pixel borders, drawn at twice the size, each way.
    assert grid.shape[:2] == (2 * (10 * 29 + 1), 2 * (10 * 29 + 1))
    assert (categorical.reshape(10, 10) == np.arange(10)[:, None]).all()
    assert (continuous == 0).all()
    assert (inputs["noise"].reshape(10, 10, 3) == noise[:10][None]).all()


@END_TO_END
def test_sample_sweep_draws_infogans_layout_with_a_continuous_code_moving_along_each_row(trained_run, tmp_path):
    """`sample --sweep 1 --count 20`: rows of ten (code_grid); the same images as the model draws
    from code_grid's codes and the sample's noise, so the picture is the grid its docs describe."""
    from gan_tdd.checkpoints import Checkpointer
    from gan_tdd.data import fixed_noise
    from gan_tdd.models.infogan import code_grid
    from gan_tdd.quiet_tensorflow import tf

    run = trained_run("--model", "infogan")
    status = main(["sample", "--run", str(run), "--sweep", "1", "--count", "20", "--output", str(tmp_path / "s.npy")])
    status_png = main(["sample", "--run", str(run), "--sweep", "1", "--count", "20", "--output",
                       str(tmp_path / "s.png")])

    settings = RunSettings.read(run)
    model = settings.build_model()
    noise_index, categorical, continuous = code_grid(20, 10, 2, sweep=1)
    with tf.compat.v1.Session(graph=model.graph) as session:
        Checkpointer(model, run / "checkpoints").restore(session)
        expected = model.generate(session, fixed_noise(2, settings.noise_dim, 0)[noise_index],
                                  codes=(categorical, continuous))
    assert status == status_png == 0
    np.testing.assert_allclose(np.load(tmp_path / "s.npy"), expected, atol=1e-5)
    assert np.asarray(Image.open(tmp_path / "s.png")).shape[:2] == (2 * (2 * 29 + 1), 2 * (10 * 29 + 1))


@pytest.mark.parametrize("model, flag, message", [
    pytest.param("gan", "--digit", "argument --digit: the run's model, gan, draws no labels "
                 "(train with --model conditional or acgan)", id="digit_of_a_gan"),
    pytest.param("infogan", "--digit", "draws no labels (train with --model conditional or acgan); "
                 "choose its code with --code", id="digit_of_an_infogan"),
    pytest.param("conditional", "--code", "argument --code: the run's model, conditional, has no code "
                 "(train with --model infogan); choose its class with --digit", id="code_of_a_conditional_gan"),
    pytest.param("gan", "--sweep", "argument --sweep: the run's model, gan, has no code (train with --model infogan)",
                 id="sweep_of_a_gan"),
    pytest.param("infogan", "--code=10", "argument --code: must be 0 to 9, got 10", id="code_10"),
    pytest.param("infogan", "--sweep=2", "argument --sweep: the run's continuous codes are 0 to 1, got 2",
                 id="sweep_2"),
])
def test_sample_refuses_a_choice_the_runs_model_cannot_take(tmp_path, refused, model, flag, message):
    """Answered in one line from settings.json, before TensorFlow loads."""
    run = tmp_path / "run"
    (run / "checkpoints").mkdir(parents=True)
    (run / "checkpoints" / "checkpoint").write_text("")
    settings = RunSettings(model=model, image_shape=[28, 28, 1], seed=0)
    settings.write(run)

    line = refused("sample", "--run", run, *(flag.split("=") if "=" in flag else (flag, "1")),
                   "--output", tmp_path / "x.npy")

    assert message in line


def test_a_labelled_model_on_data_without_labels_is_refused_in_one_line(tmp_path, refused):
    """An .npz without y_train cannot train a conditional GAN."""
    data = tmp_path / "unlabelled.npz"
    np.savez(data, x_train=np.zeros((128, 28, 28), np.uint8))

    line = refused("--data", data, "--model", "conditional", "--logdir", tmp_path / "runs")

    assert "argument --model: conditional learns from labels, and --data" in line
    assert line.endswith("has none; train with --model self-conditioned (the default) to learn without labels")


def test_a_settings_file_from_before_models_reads_as_a_gan():
    """settings.json files written before --model existed lack the key: their runs were GANs."""
    values = dataclasses.asdict(RunSettings(image_shape=[28, 28, 1], seed=0))
    del values["model"]

    assert RunSettings.from_dict(values).model == "gan"


def test_a_self_conditioned_run_learns_from_images_without_labels_and_keeps_its_clusters(tmp_path, run_flags):
    """An .npz without y_train: the run finds 3 clusters, records them beside its settings, and
    trains on them."""
    data = tmp_path / "unlabelled.npz"
    np.savez(data, x_train=np.random.default_rng(0).integers(0, 256, (128, 28, 28), dtype=np.uint8))

    status = main(run_flags + ["--data", str(data), "--model", "self-conditioned", "--clusters", "3",
                               "--epochs", "1", "--run-name", "s"])

    run = tmp_path / "runs" / "s"
    clusters = np.load(run / "clusters.npy")
    settings = json.loads((run / "settings.json").read_text())
    assert status == 0
    assert (settings["model"], settings["clusters"]) == ("self-conditioned", 3)
    assert clusters.shape == (128,) and set(clusters.tolist()) == {0, 1, 2}


@END_TO_END
def test_a_resumed_self_conditioned_run_trains_on_the_clusters_it_found_first(a_copy_of_a_trained_run):
    """clusters.npy is read back, not found anew: after the resume the saved shares are its."""
    import tensorflow as tf

    from gan_tdd.clustering import cluster_shares

    run = a_copy_of_a_trained_run("--model", "self-conditioned", "--clusters", "3")
    kept = np.where(np.arange(128) < 96, 2, 0).astype(np.int32)  # three quarters in cluster 2
    np.save(run / "clusters.npy", kept)

    status = main(["--resume", str(run), "--epochs", "3"])

    shares = tf.train.load_variable(str(run / "checkpoints"), "cluster_shares")
    assert status == 0
    np.testing.assert_allclose(shares, cluster_shares(kept, 3))


@pytest.mark.parametrize("argv, message", [
    pytest.param(["--model", "gan", "--clusters", "20"], "--clusters: only --model self-conditioned uses it",
                 id="clusters_of_a_gan"),
    pytest.param(["--model", "self-conditioned", "--clusters", "1"], "argument --clusters: must be an integer >= 2",
                 id="one_cluster"),
    pytest.param(["--model", "gan", "--clustering-weight", "0"], "--clustering-weight: only --model infogan uses it",
                 id="clustering_of_a_gan"),
    pytest.param(["--model", "infogan", "--categorical-dim", "1"],
                 "argument --categorical-dim: must be an integer >= 2", id="one_category"),
])
def test_a_models_own_flag_that_cannot_be_used_is_refused_before_tensorflow_loads(tmp_path, refused, argv, message):
    """One line, nothing made."""
    line = refused(*argv, "--logdir", tmp_path / "runs")

    assert message in line
    assert not (tmp_path / "runs").exists()


def test_the_same_images_count_and_seed_find_their_clusters_once_then_read_them_from_the_cache(
        tmp_path, monkeypatch, capsys):
    """A data set's first self-conditioned run waits for its clusters; the next reads them back,
    and a damaged cache file is found anew."""
    import gan_tdd.clustering
    from gan_tdd.cli.train import find_clusters

    monkeypatch.setenv("GAN_TDD_CACHE", str(tmp_path / "cache"))
    calls = []
    monkeypatch.setattr(gan_tdd.clustering, "cluster_images",
                        lambda images, count, seed: calls.append(seed) or np.arange(len(images)) % count)
    images = np.random.default_rng(0).integers(0, 256, (12, 8, 8, 1), dtype=np.uint8)
    settings = RunSettings(model="self-conditioned", clusters=3, seed=5)

    first, second = find_clusters(images, settings), find_clusters(images, settings)
    for cache in (tmp_path / "cache").glob("clusters-*.npy"):
        cache.write_bytes(b"damaged")
    third = find_clusters(images, settings)

    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(first, third)
    assert calls == [5, 5]
    assert "clusters: 3 read from the cache in 12 images" in capsys.readouterr().err


def two_class_data(tmp_path):
    """64 random 28x28 digits-to-be in two classes, 0 and 1, as a Keras-style .npz."""
    path = tmp_path / "two.npz"
    np.savez(path, x_train=np.random.default_rng(0).integers(0, 256, (64, 28, 28), dtype=np.uint8),
             y_train=np.arange(64) % 2)
    return path


@END_TO_END
def test_a_labelled_run_on_two_classes_records_them_and_draws_a_row_for_each(run_flags, tmp_path):
    """Not ten rows, eight of them labels it never saw: the grid has the data's classes."""
    status = main(run_flags + ["--data", str(two_class_data(tmp_path)), "--model", "conditional", "--epochs", "1",
                               "--run-name", "two"])

    run = tmp_path / "runs" / "two"
    assert status == 0
    assert json.loads((run / "settings.json").read_text())["num_classes"] == 2
    assert Image.open(run / "samples" / "final.png").size == (2 * (10 * 29 + 1), 2 * (2 * 29 + 1))


def test_a_labelled_models_grid_has_a_row_of_ten_per_class():
    inputs = grid_inputs(RunSettings(model="acgan", num_classes=3), np.zeros((30, 4), np.float32))

    assert inputs["labels"].tolist() == [0] * 10 + [1] * 10 + [2] * 10 and inputs["columns"] == 10


def test_sample_digit_beyond_the_runs_classes_is_refused_in_one_line(tmp_path, capsys, one_line):
    run = tmp_path / "run"
    (run / "checkpoints").mkdir(parents=True)
    (run / "checkpoints" / "checkpoint").write_text("")
    RunSettings(model="conditional", num_classes=2, image_shape=[28, 28, 1], seed=0).write(run)

    status = main(["sample", "--run", str(run), "--digit", "2", "--output", str(tmp_path / "x.npy")])

    assert status == 2
    assert one_line(capsys.readouterr().err) == "main.py sample: error: argument --digit: the run's classes are 0 to 1, got 2"


def test_labels_that_leave_a_class_out_are_refused_in_one_line(tmp_path, capsys, one_line):
    data = tmp_path / "gap.npz"
    np.savez(data, x_train=np.zeros((64, 28, 28), np.uint8), y_train=np.arange(64) % 2 + 1)

    status = main(["--data", str(data), "--model", "conditional", "--logdir", str(tmp_path / "runs")])

    assert status == 2
    assert one_line(capsys.readouterr().err) == (
        f"main.py: error: argument --data: {data}: labels must number the classes 0, 1, ... with no class left "
        "out; got 1, 2")
    assert not (tmp_path / "runs").exists()


@END_TO_END
def test_a_folder_of_class_folders_trains_a_conditional_gan_on_its_classes(run_flags, tmp_path, capsys):
    """--data DIR with DIR/CLASS/*.png: the classes named at the start, in the order of their numbers."""
    for name, grey in (("circles", 40), ("squares", 220)):
        (tmp_path / "pictures" / name).mkdir(parents=True)
        for index in range(32):
            Image.new("L", (28, 28), grey + index).save(tmp_path / "pictures" / name / f"{index}.png")

    status = main(run_flags + ["--data", str(tmp_path / "pictures"), "--model", "conditional", "--epochs", "1",
                               "--batch-size", "32", "--run-name", "folder"])

    assert status == 0
    assert "classes: circles (0), squares (1)" in capsys.readouterr().err
    assert json.loads((tmp_path / "runs" / "folder" / "settings.json").read_text())["num_classes"] == 2
