"""main.py's command line: train, resume, sample, and refuse mistakes with one clear line."""
import json

import numpy as np
import pytest
import tensorflow as tf
from PIL import Image

from gan_tdd.cli import main, train_parser


def checkpoint_step(run_directory):
    """The generator step of a run's newest checkpoint."""
    latest = tf.train.latest_checkpoint(str(run_directory / "checkpoints"))
    return int(latest.rsplit("-", 1)[1])


def test_a_short_run_writes_settings_checkpoints_samples_and_event_files(run_flags, tmp_path, capsys):
    """Two epochs on the tiny data set leave everything a user looks at in the run directory."""
    status = main(run_flags + ["--epochs", "2", "--run-name", "short"])

    run = tmp_path / "runs" / "short"
    assert status == 0
    assert json.loads((run / "settings.json").read_text())["epochs"] == 2
    assert checkpoint_step(run) == 4
    assert sorted(path.name for path in (run / "samples").iterdir()) == [
        "epoch-001.png", "epoch-002.png", "final.png", "progress.gif"]
    assert list(run.glob("events.out.tfevents.*"))
    assert f"run directory: {run}" in capsys.readouterr().err


def test_resume_continues_at_the_same_step_and_epoch(run_flags, tmp_path):
    """A 1-epoch run resumed to 3 epochs ends at step 6 with grids for epochs 1, 2 and 3."""
    main(run_flags + ["--epochs", "1", "--run-name", "resumable"])
    run = tmp_path / "runs" / "resumable"

    status = main(["--resume", str(run), "--epochs", "3"])

    assert status == 0
    assert checkpoint_step(run) == 6
    assert sorted(path.name for path in (run / "samples").glob("epoch-*")) == [
        "epoch-001.png", "epoch-002.png", "epoch-003.png"]


def test_resumed_summaries_continue_the_step_numbers_without_gap_or_overlap(run_flags, tmp_path):
    """Scalars every step: steps 1-2 from the first part, 3-4 from the resumed part."""
    main(run_flags + ["--epochs", "1", "--run-name", "steps", "--summary-every", "1"])
    run = tmp_path / "runs" / "steps"

    main(["--resume", str(run), "--epochs", "2"])

    steps = sorted(event.step for path in run.glob("events.out.tfevents.*")
                   for event in tf.compat.v1.train.summary_iterator(str(path))
                   if any(value.tag == "summaries/g_loss" for value in event.summary.value))
    assert steps == [1, 2, 3, 4]


def test_a_new_run_never_reuses_an_existing_run_directory(run_flags, tmp_path, capsys):
    """Asking for a run name that exists is refused with exit status 2 and nothing is touched."""
    main(run_flags + ["--epochs", "1", "--run-name", "taken"])
    settings_before = (tmp_path / "runs" / "taken" / "settings.json").read_text()

    status = main(run_flags + ["--epochs", "1", "--run-name", "taken"])

    assert status == 2
    assert "exists already" in capsys.readouterr().err
    assert (tmp_path / "runs" / "taken" / "settings.json").read_text() == settings_before


def test_runs_without_a_name_get_directories_of_their_own(run_flags, tmp_path):
    """Two unnamed runs started within the same second land in two directories."""
    main(run_flags + ["--epochs", "0"])
    main(run_flags + ["--epochs", "0"])

    assert len(list((tmp_path / "runs").iterdir())) == 2


def test_sample_writes_a_float32_array_in_minus_one_to_one(run_flags, tmp_path):
    """`sample --output FILE.npy` writes (count, 28, 28, 1) float32 images from the last checkpoint."""
    main(run_flags + ["--epochs", "1", "--run-name", "done"])
    output = tmp_path / "digits.npy"

    status = main(["sample", "--run", str(tmp_path / "runs" / "done"), "--count", "5",
                   "--output", str(output)])

    images = np.load(output)
    assert status == 0
    assert images.shape == (5, 28, 28, 1) and images.dtype == np.float32
    assert images.min() >= -1 and images.max() <= 1


def test_sample_to_a_png_writes_a_grid_picture(run_flags, tmp_path):
    """`sample --output FILE.png` writes one picture holding all the images."""
    main(run_flags + ["--epochs", "1", "--run-name", "done"])
    output = tmp_path / "digits.png"

    main(["sample", "--run", str(tmp_path / "runs" / "done"), "--count", "4", "--output", str(output)])

    # Two by two images of 28 pixels with 1-pixel borders, drawn at twice the size.
    assert Image.open(output).size == (2 * (2 * 29 + 1), 2 * (2 * 29 + 1))


def test_sample_refuses_to_overwrite_a_file_unless_asked(run_flags, tmp_path, capsys):
    """An existing output file is kept, and the message names --overwrite."""
    main(run_flags + ["--epochs", "1", "--run-name", "done"])
    output = tmp_path / "mine.npy"
    output.write_bytes(b"precious")

    status = main(["sample", "--run", str(tmp_path / "runs" / "done"), "--output", str(output)])

    assert status == 2
    assert output.read_bytes() == b"precious"
    assert "--overwrite" in capsys.readouterr().err


def test_resume_of_a_directory_without_a_checkpoint_is_refused(tmp_path, capsys):
    """--resume of a directory that is not a run ends with one line that says why."""
    status = main(["--resume", str(tmp_path)])

    assert status == 2
    error = capsys.readouterr().err
    assert error.startswith("main.py: error: cannot resume") and error.count("\n") == 1


def test_help_explains_every_flag_with_its_default(capsys):
    """--help lists each training flag, and every flag's line gives a default."""
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])

    text = capsys.readouterr().out
    assert exit_.value.code == 0
    for action in train_parser()._actions:
        if action.option_strings and action.dest != "help":
            assert action.option_strings[0] in text
    assert text.count("default") >= len(train_parser()._actions) - 3
