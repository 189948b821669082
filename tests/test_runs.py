"""Run directories: one per run, never reused, with the settings that rebuild the run."""
import pytest

from gan_tdd.runs import new_run_directory, read_settings, write_settings


def test_a_named_run_directory_is_created_empty(tmp_path):
    """new_run_directory(parent, "first") makes parent/first."""
    path = new_run_directory(tmp_path, "first")

    assert path == tmp_path / "first" and path.is_dir() and not any(path.iterdir())


def test_an_existing_run_name_is_refused_and_the_message_offers_resume(tmp_path):
    """A taken name raises FileExistsError that suggests --resume."""
    new_run_directory(tmp_path, "taken")

    with pytest.raises(FileExistsError, match="--resume"):
        new_run_directory(tmp_path, "taken")


def test_unnamed_runs_started_in_the_same_second_get_different_directories(tmp_path):
    """The second gets a -2 suffix instead of the first one's directory."""
    first = new_run_directory(tmp_path)
    second = new_run_directory(tmp_path)

    assert first != second and second.name.startswith(first.name)


def test_settings_written_are_the_settings_read_back(tmp_path):
    """settings.json keeps plain values as they were."""
    settings = {"batch_size": 64, "d_learning_rate": 0.0002, "data": "mnist", "image_shape": [28, 28, 1]}

    write_settings(tmp_path, settings)

    assert read_settings(tmp_path) == settings


def test_reading_settings_of_a_directory_that_is_not_a_run_says_so(tmp_path):
    """A directory without settings.json is not a run directory."""
    with pytest.raises(FileNotFoundError, match="is not a run directory"):
        read_settings(tmp_path)
