"""Your own callbacks and networks in a main.py run: --callback, --generator, --discriminator.

Each test writes a small module of its own into the current directory (tmp_path), as a user
would, and names it on the command line."""
import json
import textwrap

import pytest

from gan_tdd.cli import main

USER_MODULE = '''
import json
from pathlib import Path

import numpy as np
import tensorflow as tf

from gan_tdd import Callback
from gan_tdd.layers import dense


class CountSteps(Callback):
    """Writes how many steps it saw, and its argument, to a file when training ends."""

    def __init__(self, path="steps.json", label="mine"):
        self.path, self.label, self.steps = Path(path), label, 0

    def on_step_end(self, step, logs=None):
        self.steps += 1

    def on_train_end(self, logs=None):
        self.path.write_text(json.dumps({"steps": self.steps, "label": self.label}))


def small_generator(noise, image_shape, training):
    return tf.reshape(tf.tanh(dense(noise, int(np.prod(image_shape)), "pixels")), [-1, *image_shape])


def small_discriminator(images):
    return dense(tf.reshape(images, [-1, int(np.prod(images.shape[1:]))]), 1, "logit")


def wrong_generator(noise, image_shape, training):
    return dense(noise, 3, "pixels")


class NotACallback:
    pass
'''


@pytest.fixture
def user_module(tmp_path, monkeypatch):
    """mine.py in the current directory, which is tmp_path."""
    (tmp_path / "mine.py").write_text(textwrap.dedent(USER_MODULE))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_run_trains_with_your_callback_and_networks_and_records_them(run_flags, user_module):
    """Two epochs of two steps with mine.py's networks; CountSteps(label=...) saw all four steps."""
    status = main(run_flags + ["--model", "gan", "--epochs", "2", "--run-name", "mine",
                               "--callback", "mine:CountSteps(label='two epochs')",
                               "--generator", "mine:small_generator", "--discriminator", "mine:small_discriminator"])

    settings = json.loads((user_module / "runs" / "mine" / "settings.json").read_text())
    assert status == 0
    assert json.loads((user_module / "steps.json").read_text()) == {"steps": 4, "label": "two epochs"}
    assert (settings["callback"], settings["generator"], settings["discriminator"]) == (
        ["mine:CountSteps(label='two epochs')"], "mine:small_generator", "mine:small_discriminator")


@pytest.mark.slow(reason="trains a main.py run, resumes it and samples from it")
def test_resume_and_sample_load_your_code_again(run_flags, user_module):
    run = user_module / "runs" / "mine"
    assert main(run_flags + ["--model", "gan", "--epochs", "1", "--run-name", "mine",
                             "--callback", "mine:CountSteps", "--generator", "mine:small_generator"]) == 0

    assert main(["--resume", str(run), "--epochs", "2"]) == 0
    assert json.loads((user_module / "steps.json").read_text())["steps"] == 2  # the resumed epoch's
    assert main(["sample", "--run", str(run), "--count", "4", "--output", str(user_module / "s.npy")]) == 0


@pytest.mark.parametrize("flags, message", [
    pytest.param(["--callback", "nowhere:Thing"], "argument --callback: cannot import 'nowhere'", id="no_module"),
    pytest.param(["--callback", "mine:Missing"], "argument --callback: mine has no 'Missing'", id="no_name"),
    pytest.param(["--callback", "mine"], "argument --callback: expected module:name", id="no_colon"),
    pytest.param(["--callback", "mine:NotACallback"], "made a NotACallback, not a gan_tdd Callback", id="not_a_callback"),
    pytest.param(["--callback", "mine:CountSteps(3)"], "the arguments must be name=value pairs", id="positional"),
    pytest.param(["--callback", "mine:CountSteps(colour='red')"], "TypeError", id="unknown_argument"),
    pytest.param(["--generator", "mine:wrong_generator"], "generator_fn wrong_generator must return a tensor of shape",
                 id="wrong_output_shape"),
    pytest.param(["--generator", "mine:small_generator", "--model", "conditional"],
                 "--generator: only --model gan uses it", id="another_model"),
])
def test_a_mistake_in_your_code_is_one_line_before_any_run_is_made(run_flags, user_module, capsys, one_line,
                                                                   flags, message):
    status = main(run_flags + ["--model", "gan", *flags] if "--model" not in flags else run_flags + flags)

    assert status == 2 and message in one_line(capsys.readouterr().err)
    assert not (user_module / "runs").exists()


@pytest.mark.slow(reason="starts a real main.py process with your code, stops it with Ctrl-C, resumes and samples")
def test_a_real_run_with_your_code_stops_on_ctrl_c_resumes_with_it_and_samples_from_it(run_flags, user_module):
    """A main.py process trains with mine.py's callback and networks; Ctrl-C after its first checkpoint
    saves and ends it with 130; --resume loads mine.py again from settings.json, and sample draws."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    import numpy as np
    import tensorflow as tf

    main_py = Path(__file__).resolve().parents[2] / "main.py"
    run = user_module / "runs" / "mine"
    process = subprocess.Popen(
        [sys.executable, str(main_py), *run_flags, "--model", "gan", "--epochs", "10000", "--run-name", "mine",
         "--callback", "mine:CountSteps", "--generator", "mine:small_generator",
         "--discriminator", "mine:small_discriminator"],
        cwd=user_module, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while tf.train.latest_checkpoint(str(run / "checkpoints")) is None:
            assert process.poll() is None and time.monotonic() < deadline, "no checkpoint in time"
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        if process.poll() is None:
            process.kill()
    epochs = int(tf.train.load_variable(tf.train.latest_checkpoint(str(run / "checkpoints")), "epoch")) + 1

    (user_module / "steps.json").unlink()  # written by the stopped process's callback

    assert main(["--resume", str(run), "--epochs", str(epochs)]) == 0
    assert json.loads((user_module / "steps.json").read_text())["steps"] >= 1  # written again: loaded on resume
    assert main(["sample", "--run", str(run), "--count", "4", "--output", str(user_module / "s.npy")]) == 0
    assert np.load(user_module / "s.npy").shape == (4, 28, 28, 1)
