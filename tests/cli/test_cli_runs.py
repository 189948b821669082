"""Run directories: one per run, never reused, with the settings that rebuild the run."""
import pytest

from gan_tdd.cli.runs import check_run_directory, new_run_directory


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


@pytest.mark.parametrize("parent", [
    pytest.param("notes.txt", id="parent_is_a_file"),
    pytest.param("notes.txt/runs", id="parent_below_a_file"),
])
def test_a_parent_that_a_file_is_in_the_way_of_is_refused_and_nothing_is_created(tmp_path, parent):
    """NotADirectoryError names the file in the way; no directory appears."""
    (tmp_path / "notes.txt").write_text("mine")

    with pytest.raises(NotADirectoryError, match=f"{tmp_path / 'notes.txt'} is a file"):
        new_run_directory(tmp_path / parent, "first")

    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("name", [pytest.param("a/b", id="a_name_with_a_path"),
                                  pytest.param("..", id="the_parent_directory")])
def test_a_run_name_that_is_not_a_plain_name_is_refused(tmp_path, name):
    """A name with a path in it would put the run outside its parent directory."""
    with pytest.raises(ValueError, match="must be a plain directory name"):
        check_run_directory(tmp_path, name)
