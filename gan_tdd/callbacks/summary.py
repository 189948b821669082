"""SummaryCallback: TensorBoard event files of the graph, the training scalars and image grids."""
import time

from gan_tdd.quiet_tensorflow import tf

from gan_tdd.callbacks.base import Callback
from gan_tdd.checks import require_int

v1 = tf.compat.v1


class SummaryCallback(Callback):
    """Writes TensorBoard event files: the graph, scalars and image grids.

    Scalars (d_loss, d_real_loss, d_fake_loss, g_loss, p_real, p_fake) every `every_n_steps`
    steps; grids of 64 generated and 64 real images every `images_every_n_steps` steps. The
    graph is written once, so TensorBoard's Graphs tab shows the single discriminator that both
    the real and the fake path use. View with `tensorboard --logdir LOGDIR`.
    """

    def __init__(self, logdir, every_n_steps=100, images_every_n_steps=500):
        """Args:
            logdir: the directory for the event files (TensorBoard's --logdir or below it).
            every_n_steps: steps between scalar summaries.
            images_every_n_steps: steps between image grids (encoding them costs more).
        """
        self.logdir = str(logdir)
        self.every_n_steps = require_int("every_n_steps", every_n_steps, 1)
        self.images_every_n_steps = require_int("images_every_n_steps", images_every_n_steps, 1)
        self.writer = None

    def set_model(self, model, session, dataset=None):
        super().set_model(model, session, dataset)
        model.build_summaries()  # before the graph is written, so that it shows them
        self.writer = event_writer(self.logdir, model, graph=model.graph)

    def fetches(self, step):
        wanted = {}
        if step % self.every_n_steps == 0:
            wanted["scalar_summary"] = self.model.scalar_summary
        # A model of points has no image grid (image_summary None): its pictures are frames.
        if step % self.images_every_n_steps == 0 and self.model.image_summary is not None:
            wanted["image_summary"] = self.model.image_summary
        return wanted

    def on_step_end(self, step, logs=None):
        for name in ("scalar_summary", "image_summary"):
            if name in logs:
                self.writer.add_summary(logs[name], step)

    def on_train_end(self, logs=None):
        # Also after a step raised: closing flushes what was written, so the file stays whole.
        self.writer.close()


def event_writer(logdir, model, graph=None):
    """A FileWriter of a new event file in `logdir`, made in the model's graph (a FileWriter
    refuses to be made while eager execution is on).

    TensorFlow names an event file by the second it was opened: a run resumed within the same
    second would open the same name and overwrite the first part's events. The nanoseconds in
    the suffix make each file new, and keep the names in the order they were written.
    """
    with model.graph.as_default():
        return v1.summary.FileWriter(str(logdir), graph=graph, filename_suffix=f".{time.time_ns()}")
