"""Saving and restoring a model's variables, so that a run can stop and carry on."""
import logging
import os
from pathlib import Path

from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1


class Checkpointer:
    """Saves a model's variables under `directory` and restores the newest save that is whole.

    Saves are named `model-STEP`; the newest two are kept. A save cannot be left half-written
    in a way that loses the run: TensorFlow writes its files under temporary names and renames
    them, then replaces the `checkpoint` index file (which names the newest save) by renaming a
    complete temporary file, and deletes the oldest save only after that. Should the newest save
    still be unreadable, `restore` falls back to the one before it. Variables that hold NaN or
    infinite values are never saved, so a diverged model cannot replace a good checkpoint.
    The index names saves relative to the directory, so a run moved or copied elsewhere restores
    (and prunes) its own files.
    """

    def __init__(self, model, directory, keep=2, logger=None):
        self.model = model
        self.directory = Path(directory)
        self.logger = logger or logging.getLogger("gan_tdd")
        with model.graph.as_default():
            self.saver = v1.train.Saver(max_to_keep=keep, save_relative_paths=True)
            self.variables_finite = tf.reduce_all(
                [tf.reduce_all(tf.math.is_finite(variable)) for variable in v1.global_variables()
                 if variable.dtype.base_dtype.is_floating], name="variables_finite")

    def latest(self):
        """The path prefix of the newest save, or None when there is none."""
        return tf.train.latest_checkpoint(str(self.directory))

    def save(self, session):
        """Save every variable, named by the generator step.

        Returns:
            The save's path prefix, or None when a variable holds NaN or infinite values: then
            nothing is written, and a warning names the save that stays the newest.
        """
        step, finite = session.run([self.model.g_step, self.variables_finite])
        if not finite:
            self.logger.warning("not saving a checkpoint at step %d: the model's variables hold NaN "
                                "or infinite values; the newest checkpoint stays %s", step, self.latest())
            return None
        self.directory.mkdir(parents=True, exist_ok=True)
        # Pruning the oldest save, the Saver calls TensorFlow's own deprecated remove_checkpoint,
        # which would print a deprecation notice that no change of ours can avoid.
        from tensorflow.python.util import deprecation

        # In the model's graph: a Saver outside it (a session not opened in a `with`) would
        # take TensorFlow for eager and refuse.
        with deprecation.silence(), self.model.graph.as_default():
            return self.saver.save(session, str(self.directory / "model"), global_step=int(step),
                                   write_meta_graph=False)

    def restore(self, session):
        """Restore the newest save into `session`; if it cannot be read, the one before it.

        Returns:
            The path prefix of the save restored.

        Raises:
            FileNotFoundError: the directory holds no checkpoint, or none that can be read.
        """
        state = tf.train.get_checkpoint_state(str(self.directory))
        if state is None or not state.model_checkpoint_path:
            raise FileNotFoundError(f"{self.directory} holds no checkpoint to resume from")
        # By name, in this directory: an index written before saves were named relatively holds
        # the absolute paths of wherever the run was then.
        newest = self._here(state.model_checkpoint_path)
        saves = [self._here(path) for path in state.all_model_checkpoint_paths] or [newest]
        newest_first = [newest] + [path for path in reversed(saves) if path != newest]
        broken = []
        for path in newest_first:
            try:
                with self.model.graph.as_default():
                    self.saver.restore(session, path)
            except (tf.errors.OpError, ValueError) as error:
                reason = str(error).strip().splitlines()[0][:200]
                self.logger.warning("checkpoint %s cannot be restored (%s); trying the one before it",
                                    path, reason)
                broken.append(path)
                continue
            # A new Saver knows nothing of earlier saves; tell it, so it keeps pruning them.
            self.saver.set_last_checkpoints_with_time(
                [(save, os.path.getmtime(f"{save}.index")) for save in saves
                 if save not in broken and os.path.exists(f"{save}.index")])
            return path
        raise FileNotFoundError(f"{self.directory} holds no checkpoint that can be restored "
                                f"(damaged: {', '.join(Path(path).name for path in broken)})")

    def _here(self, path):
        """The save called as `path` is, in this directory."""
        return str(self.directory / Path(path).name)
