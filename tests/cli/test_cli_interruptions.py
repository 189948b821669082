"""A real `python main.py` stopped by Ctrl-C or killed outright: what is kept, and how it resumes.

The tiny data set has two steps an epoch; `--log-every 1` writes every step to train.log, which
shows where a run stopped and where its resumed part began.
"""
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tensorflow as tf

from gan_tdd.cli import main

pytestmark = pytest.mark.slow(reason="starts main.py runs in processes of their own, then interrupts and kills them")

MAIN = Path(__file__).resolve().parents[2] / "main.py"




@pytest.fixture
def start_training(run_flags, tmp_path):
    """Starts `python main.py NAME` for a run far longer than a test waits, stderr to NAME.stderr;
    any process still running when the test ends is killed."""
    processes = []

    def start(name):
        with open(tmp_path / f"{name}.stderr", "w") as stderr:
            processes.append(subprocess.Popen(
                [sys.executable, str(MAIN), *run_flags, "--epochs", "10000", "--run-name", name,
                 "--log-every", "1", "--summary-every", "1000", "--images-every", "1000"],
                stdout=subprocess.DEVNULL, stderr=stderr))
        return processes[-1]

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def wait_until(condition, process, timeout=120):
    """Poll `condition` until it holds; fail if the process ends first or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"training ended early with status {process.returncode}")
        if time.monotonic() > deadline:
            pytest.fail("training made no checkpoint in time")
        time.sleep(0.05)


def newest_checkpoint_step(run):
    """The step of the newest checkpoint, or 0 when there is none."""
    latest = tf.train.latest_checkpoint(str(run / "checkpoints"))
    return 0 if latest is None else int(latest.rsplit("-", 1)[1])


def next_epoch(run):
    """One more than the epochs the newest checkpoint has completed: --epochs for one more epoch."""
    latest = tf.train.latest_checkpoint(str(run / "checkpoints"))
    return int(tf.train.load_variable(latest, "epoch")) + 1


def logged_steps(run, start=0):
    """The step numbers in run/train.log, from byte `start` on."""
    path = run / "train.log"
    text = path.read_bytes()[start:].decode() if path.exists() else ""
    return [int(step) for step in re.findall(r"step (\d+):", text)]


def test_ctrl_c_saves_a_checkpoint_at_the_step_it_stopped_and_resume_carries_on_from_it(start_training, tmp_path):
    """SIGINT after the first checkpoint: status 130, a save at the last step run, and no step lost."""
    run = tmp_path / "runs" / "interrupted"
    process = start_training("interrupted")
    wait_until(lambda: 0 < newest_checkpoint_step(run) < max(logged_steps(run), default=0), process)

    process.send_signal(signal.SIGINT)
    status = process.wait(timeout=60)

    stopped = newest_checkpoint_step(run)
    assert status == 130
    assert stopped == logged_steps(run)[-1] > 2
    assert (f"stopped at step {stopped}, checkpoint saved; continue with: python main.py --resume {run}"
            in (tmp_path / "interrupted.stderr").read_text())
    epochs = next_epoch(run)
    assert main(["--resume", str(run), "--epochs", str(epochs)]) == 0
    # Two steps an epoch: the resumed run goes on from the step after the one it stopped at, in
    # the middle of an epoch too, to the last step of its last epoch, none repeated or lost.
    assert logged_steps(run) == list(range(1, 2 * epochs + 1))


def test_a_killed_run_loses_only_the_steps_since_its_last_checkpoint_and_resumes_from_it(start_training, tmp_path):
    """SIGKILL cannot be caught: the run resumes from its newest save, the step after it comes next."""
    run = tmp_path / "runs" / "killed"
    process = start_training("killed")
    wait_until(lambda: newest_checkpoint_step(run) > 0, process)

    process.kill()
    process.wait(timeout=60)
    saved = newest_checkpoint_step(run)
    log_size = (run / "train.log").stat().st_size

    status = main(["--resume", str(run), "--epochs", str(next_epoch(run))])

    assert status == 0
    assert logged_steps(run, start=log_size) == [saved + 1, saved + 2]
    assert newest_checkpoint_step(run) == saved + 2
