"""`main.py --model image-to-image` trains a restorer, and `main.py restore` uses it."""
import json
import signal

import numpy as np
import pytest
from PIL import Image

from gan_tdd.cli import main
from gan_tdd.cli.settings import DAMAGES, RunSettings

# Each costs a model build or more beyond the run itself: left out of the fast loop, where one
# test of each command (train, resume aside, sample, restore) stays.
END_TO_END = pytest.mark.slow(reason="trains a main.py run end to end, then reads, samples, restores or resumes it")


def train_tiny(run_flags, tmp_path, *extra, name="restorer"):
    """Train a tiny image-to-image run of two steps an epoch; returns its directory."""
    status = main(run_flags + ["--model", "image-to-image", "--run-name", name, *extra])
    assert status == 0
    return tmp_path / "runs" / name


def write_damaged(path, count=3):
    np.save(path, np.random.default_rng(0).uniform(-1, 1, (count, 28, 28, 1)).astype(np.float32))
    return path


class TestTraining:
    @END_TO_END
    def test_each_epoch_draws_damaged_restored_and_original_side_by_side(self, run_flags, tmp_path):
        """samples/epoch-NNN.png holds eight rows of three 28-pixel images, drawn at twice the size."""
        run = train_tiny(run_flags, tmp_path, "--epochs", "2", "--damage", "low-resolution")

        names = sorted(path.name for path in (run / "samples").iterdir())
        assert names == ["epoch-001.png", "epoch-002.png", "final.png"]
        assert Image.open(run / "samples" / "epoch-001.png").size == (2 * (3 * 29 + 1), 2 * (8 * 29 + 1))

    def test_settings_record_the_damage_and_the_adversarial_weight(self, run_flags, tmp_path):
        """Weight 0, the pixel-loss baseline, is a weight like any other in settings.json."""
        run = train_tiny(run_flags, tmp_path, "--epochs", "1", "--damage", "noise",
                         "--adversarial-weight", "0")

        settings = json.loads((run / "settings.json").read_text())
        assert (settings["model"], settings["damage"], settings["adversarial_weight"]) == (
            "image-to-image", "noise", 0.0)
        # The model's preset: pix2pix's learning rate, not the GAN's.
        assert settings["d_learning_rate"] == settings["g_learning_rate"] == 2e-4

    def test_a_ctrl_c_during_the_last_epochs_pictures_leaves_a_finished_run(self, run_flags, tmp_path,
                                                                           monkeypatch, capsys):
        """Every step has run: status 0 and the final picture, not "stopped ... --resume"."""
        from gan_tdd.cli import train_image_to_image

        draw = train_image_to_image.save_restorations

        def draw_then_ctrl_c(*args):
            draw(*args)
            if args[-1].name.startswith("epoch-"):  # the last epoch's picture; final.png follows
                signal.raise_signal(signal.SIGINT)

        monkeypatch.setattr(train_image_to_image, "save_restorations", draw_then_ctrl_c)

        run = train_tiny(run_flags, tmp_path, "--epochs", "1")

        assert (run / "samples" / "final.png").is_file()
        assert "stopped" not in capsys.readouterr().err

    @END_TO_END
    def test_resume_continues_to_the_new_total_of_epochs(self, a_copy_of_a_trained_run):
        """Two epochs of two steps, then one more: the checkpoint is at step 6 and epoch 3 is drawn."""
        run = a_copy_of_a_trained_run("--model", "image-to-image")

        status = main(["--resume", str(run), "--epochs", "3"])

        assert status == 0
        assert (run / "samples" / "epoch-003.png").is_file()
        assert "model-6" in (run / "checkpoints" / "checkpoint").read_text()

    def test_an_unknown_damage_is_refused_in_one_line_naming_the_choices(self, refused):
        """A wrong --damage costs one line, and TensorFlow never loads."""
        line = refused("--model", "image-to-image", "--damage", "scratches")

        assert "--damage" in line and "lower-half" in line and "low-resolution" in line

    @pytest.mark.parametrize("argv, expected", [
        pytest.param(["--model", "image-to-image", "--k-steps", "2"],
                     "--k-steps: --model image-to-image does not use them", id="gan_flag_with_image_to_image"),
        pytest.param(["--damage", "noise"], "--damage: only --model image-to-image uses them",
                     id="damage_with_a_gan"),
    ])
    def test_a_flag_the_model_would_ignore_is_refused_in_one_line(self, refused, argv, expected):
        """Before TensorFlow loads, so a mistaken run costs a second."""
        assert refused(*argv) == f"main.py: error: {expected}"


class TestRestore:
    def test_restore_writes_float32_images_of_the_input_shape(self, trained_run, tmp_path):
        """`restore --output FILE.npy` writes one restored image per damaged one, in [-1, 1]."""
        run = trained_run("--model", "image-to-image")
        output = tmp_path / "restored.npy"

        status = main(["restore", "--run", str(run), "--input", str(write_damaged(tmp_path / "damaged.npy")),
                       "--output", str(output)])

        restored = np.load(output)
        assert status == 0
        assert restored.shape == (3, 28, 28, 1) and restored.dtype == np.float32
        assert restored.min() >= -1 and restored.max() <= 1

    @END_TO_END
    def test_restore_takes_uint8_images_without_a_channel_axis(self, trained_run, tmp_path):
        """(count, 28, 28) bytes, as MNIST's files hold them, are restored as (count, 28, 28, 1)."""
        run = trained_run("--model", "image-to-image")
        np.save(tmp_path / "damaged.npy", np.zeros((2, 28, 28), np.uint8))

        main(["restore", "--run", str(run), "--input", str(tmp_path / "damaged.npy"),
              "--output", str(tmp_path / "restored.npy")])

        assert np.load(tmp_path / "restored.npy").shape == (2, 28, 28, 1)

    @END_TO_END
    def test_restore_to_a_png_draws_each_damaged_image_beside_its_restoration(self, trained_run, tmp_path):
        """Three rows of two images."""
        run = trained_run("--model", "image-to-image")
        output = tmp_path / "restored.png"

        main(["restore", "--run", str(run), "--input", str(write_damaged(tmp_path / "damaged.npy")),
              "--output", str(output)])

        assert Image.open(output).size == (2 * (2 * 29 + 1), 2 * (3 * 29 + 1))

    @END_TO_END
    @pytest.mark.parametrize("make_input, expected", [
        pytest.param(lambda path: path, "does not exist", id="missing_input"),
        pytest.param(lambda path: (np.save(path, np.zeros((2, 8, 8, 1), np.float32)), path)[1],
                     "the run restores (28, 28, 1)", id="wrong_shape"),
        pytest.param(lambda path: (np.save(path, np.full((2, 28, 28, 1), 5.0, np.float32)), path)[1],
                     "must be in [-1, 1]", id="out_of_range"),
    ])
    def test_a_bad_input_is_refused_in_one_line_before_tensorflow_loads(
            self, trained_run, tmp_path, refused, make_input, expected):
        """The input file is read and checked with numpy alone."""
        run = trained_run("--model", "image-to-image")

        line = refused("restore", "--run", run, "--input", make_input(tmp_path / "damaged.npy"),
                       "--output", tmp_path / "restored.npy")

        assert line.startswith("main.py restore: error: argument --input:") and expected in line

    @END_TO_END
    def test_restore_refuses_a_run_of_another_model(self, trained_run, tmp_path, capsys, one_line):
        """A GAN run restores nothing: the message says which model can."""
        status = main(["restore", "--run", str(trained_run()),
                       "--input", str(write_damaged(tmp_path / "damaged.npy")), "--output", str(tmp_path / "r.npy")])

        assert status == 2
        assert "--model image-to-image" in one_line(capsys.readouterr().err)

    @END_TO_END
    def test_sample_refuses_an_image_to_image_run(self, trained_run, tmp_path, capsys, one_line):
        """It draws nothing from noise: the message names restore."""
        run = trained_run("--model", "image-to-image")
        capsys.readouterr()

        status = main(["sample", "--run", str(run), "--output", str(tmp_path / "x.npy")])

        assert status == 2
        assert "main.py restore" in one_line(capsys.readouterr().err)


def test_the_damage_choices_are_the_librarys_damages():
    """The flag's choices, written out so that the flags need no numpy, match gan_tdd's DAMAGES."""
    from gan_tdd.image_to_image import DAMAGES as LIBRARY_DAMAGES

    assert DAMAGES == tuple(LIBRARY_DAMAGES)


def test_settings_from_before_image_to_image_read_as_lower_half_at_the_default_weight():
    """A settings.json without damage or adversarial_weight reads with their `before` values."""
    values = {name: value for name, value in vars(RunSettings()).items()
              if name not in ("damage", "adversarial_weight")}

    settings = RunSettings.from_dict(values)

    assert (settings.damage, settings.adversarial_weight) == ("lower-half", 0.01)
