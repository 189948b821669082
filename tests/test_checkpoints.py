"""Checkpointer: save a model, restore the newest whole save, keep the one before it."""
import logging
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.checkpoint import checkpoint_management
from tensorflow.python.lib.io import file_io

from gan_tdd import GANModel
from gan_tdd.callbacks import CheckpointCallback
from gan_tdd.checkpoints import Checkpointer

v1 = tf.compat.v1


@pytest.fixture(scope="module")
def tiny_model(tiny_arguments):
    """The tiny model, shared by this module's tests but not finalized: each adds a Checkpointer's
    Saver to the graph, which changes nothing another test reads (each has a session of its own)."""
    return GANModel(**tiny_arguments)


@pytest.mark.slow(reason="restores into a second model, as a resumed process builds one")
def test_a_restored_model_has_the_saved_weights_and_counters(tiny_model, session, tiny_dataset, tmp_path,
                                                              tiny_arguments):
    """Save after a step, restore into a fresh model: same variables, same g_step."""
    tiny_model.fit(session, tiny_dataset, epochs=1)
    Checkpointer(tiny_model, tmp_path).save(session)
    saved = session.run(tiny_model.generator_variables + [tiny_model.g_step])
    fresh = GANModel(**tiny_arguments)

    with v1.Session(graph=fresh.graph) as other:
        Checkpointer(fresh, tmp_path).restore(other)
        restored = other.run(fresh.generator_variables + [fresh.g_step])

    for before, after in zip(saved, restored):
        np.testing.assert_array_equal(before, after)


def test_restoring_from_an_empty_directory_says_there_is_no_checkpoint(tiny_model, session, tmp_path):
    """FileNotFoundError names the directory."""
    with pytest.raises(FileNotFoundError, match="holds no checkpoint"):
        Checkpointer(tiny_model, tmp_path).restore(session)


def saves_at_12_and_18(model, session, dataset, directory):
    """Three epochs of six steps with a CheckpointCallback: saves at steps 12 and 18 remain."""
    model.fit(session, dataset, epochs=3, callbacks=[CheckpointCallback(Checkpointer(model, directory))])


def truncate_data(directory):
    data = directory / "model-18.data-00000-of-00001"
    data.write_bytes(data.read_bytes()[: data.stat().st_size // 2])


def delete_index(directory):
    (directory / "model-18.index").unlink()


def scramble_both(directory):
    for path in directory.glob("model-18.*"):
        path.write_bytes(b"\x00garbage" * 8)


@pytest.mark.slow(reason="restores into a second model, as a resumed process builds one")
@pytest.mark.parametrize("damage", [
    pytest.param(truncate_data, id="data_file_cut_short"),
    pytest.param(delete_index, id="index_file_missing"),
    pytest.param(scramble_both, id="files_scrambled"),
])
def test_restore_falls_back_to_the_previous_save_when_the_newest_is_damaged(
        tiny_model, session, tiny_dataset, tmp_path, caplog, damage, tiny_arguments):
    """A half-written newest save (step 18) costs one epoch: step 12 is restored, with a warning."""
    saves_at_12_and_18(tiny_model, session, tiny_dataset, tmp_path)
    damage(tmp_path)
    model = GANModel(**tiny_arguments)

    with v1.Session(graph=model.graph) as other:
        restored = Checkpointer(model, tmp_path).restore(other)
        step = other.run(model.g_step)

    assert restored.endswith("model-12") and step == 12
    assert "model-18 cannot be restored" in caplog.text


@pytest.mark.slow(reason="restores into a second model, as a resumed process builds one")
def test_restore_says_so_when_no_save_can_be_read(tiny_model, session, tiny_dataset, tmp_path, tiny_arguments):
    """With both saves damaged, FileNotFoundError names them."""
    saves_at_12_and_18(tiny_model, session, tiny_dataset, tmp_path)
    for path in tmp_path.glob("model-*.index"):
        path.unlink()
    model = GANModel(**tiny_arguments)

    with v1.Session(graph=model.graph) as other, pytest.raises(
            FileNotFoundError, match=r"no checkpoint that can be restored \(damaged: model-18, model-12\)"):
        Checkpointer(model, tmp_path).restore(other)


def test_the_checkpoint_index_file_is_replaced_by_renaming_a_whole_temporary_file(
        tiny_model, session, tmp_path, monkeypatch):
    """TensorFlow writes `checkpoint` as checkpoint.tmpXXXX and renames it: no reader sees half a file."""
    renames = []
    rename = file_io.rename

    def recording_rename(source, target, overwrite=False):
        renames.append((Path(source).name, Path(target).name))
        return rename(source, target, overwrite)

    monkeypatch.setattr(file_io, "rename", recording_rename)

    Checkpointer(tiny_model, tmp_path).save(session)

    assert [target for source, target in renames if source.startswith("checkpoint.tmp")] == ["checkpoint"]


def test_a_save_that_dies_before_the_index_file_is_replaced_leaves_the_previous_save_the_newest(
        tiny_model, session, tiny_dataset, tmp_path, monkeypatch):
    """The index file is the commit point: a crash after writing model-18's files keeps model-12 newest."""
    checkpointer = Checkpointer(tiny_model, tmp_path)
    tiny_model.fit(session, tiny_dataset, epochs=2)
    checkpointer.save(session)
    tiny_model.fit(session, tiny_dataset, epochs=1)

    def crash(*args, **kwargs):
        raise OSError("killed")

    monkeypatch.setattr(checkpoint_management, "update_checkpoint_state_internal", crash)
    with pytest.raises(OSError, match="killed"):
        checkpointer.save(session)

    assert checkpointer.latest().endswith("model-12")


def test_a_model_whose_variables_hold_nan_is_not_saved(tiny_model, session, tmp_path, caplog):
    """save() writes nothing for NaN weights, returns None and warns, so a good save stays the newest."""
    checkpointer = Checkpointer(tiny_model, tmp_path)
    checkpointer.save(session)
    weights = tiny_model.discriminator_variables[0]
    session.run(weights.assign(tf.fill(tf.shape(weights), np.nan)))

    saved = checkpointer.save(session)

    assert saved is None
    assert checkpointer.latest().endswith("model-0")
    assert "variables hold NaN or infinite values" in caplog.text


def test_pruning_old_saves_prints_no_deprecation_notice(tiny_model, session, tiny_dataset, tmp_path, caplog):
    """The third save removes the first through TensorFlow's own deprecated call: no notice reaches the user."""
    checkpointer = Checkpointer(tiny_model, tmp_path)

    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            tiny_model.fit(session, tiny_dataset, epochs=1)
            checkpointer.save(session)

    assert len(list(tmp_path.glob("*.index"))) == 2
    assert not [record for record in caplog.records if "deprecated" in record.getMessage()]


def test_a_session_opened_without_a_with_block_saves_and_restores(tiny_model, tmp_path):
    """`session = Session(graph=model.graph)`, as a notebook does: the saver still finds its graph."""
    session = tf.compat.v1.Session(graph=tiny_model.graph)
    tiny_model.initialize(session)
    checkpointer = Checkpointer(tiny_model, tmp_path)

    saved = checkpointer.save(session)

    assert checkpointer.restore(session) == saved
    session.close()


def test_a_copied_directory_restores_its_own_saves_and_leaves_the_original_alone(
        tiny_model, session, tiny_dataset, tmp_path):
    """Saves are named relative to their directory: a run copied or moved elsewhere restores from
    the copy, and the copy's pruning never deletes the original's files."""
    import shutil

    saves_at_12_and_18(tiny_model, session, tiny_dataset, tmp_path / "original")
    shutil.copytree(tmp_path / "original", tmp_path / "copy")
    original_files = sorted(path.name for path in (tmp_path / "original").iterdir())
    copy = Checkpointer(tiny_model, tmp_path / "copy")

    restored = copy.restore(session)
    tiny_model.fit(session, tiny_dataset, epochs=1)
    copy.save(session)

    assert Path(restored).parent == tmp_path / "copy"
    assert sorted(path.name for path in (tmp_path / "original").iterdir()) == original_files
    assert sorted(path.name for path in (tmp_path / "copy").glob("*.index")) == ["model-18.index", "model-24.index"]


def test_an_index_that_names_its_saves_by_absolute_paths_elsewhere_still_restores_here(
        tiny_model, session, tiny_dataset, tmp_path):
    """Runs saved before the index named saves relatively hold absolute paths: moved, they restore by name."""
    saves_at_12_and_18(tiny_model, session, tiny_dataset, tmp_path)
    index = tmp_path / "checkpoint"
    index.write_text(index.read_text().replace('"model-', '"/where/the/run/was/model-'))

    restored = Checkpointer(tiny_model, tmp_path).restore(session)

    assert "/where/the/run/was/" in index.read_text()
    assert restored == str(tmp_path / "model-18") and session.run(tiny_model.g_step) == 18
