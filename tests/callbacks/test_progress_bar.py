"""ProgressBar: a bar per epoch and one summary line per epoch."""
import io

import tensorflow as tf

from gan_tdd import GANDataset
from gan_tdd.callbacks import ProgressBar


def test_each_epoch_ends_with_one_summary_line_of_losses_and_speed(tiny_model, session, tiny_dataset):
    """Two epochs print 'epoch 1/2: d_loss ... img/s' and 'epoch 2/2: ...'."""
    stream = io.StringIO()

    tiny_model.fit(session, tiny_dataset, epochs=2, callbacks=[ProgressBar(every_n_steps=2, file=stream)])

    lines = [line.split("\r")[-1] for line in stream.getvalue().splitlines() if "img/s" in line]
    summaries = [line for line in lines if line.startswith("epoch ") and "d_loss" in line and "%" not in line]
    assert [line.split(":")[0] for line in summaries] == ["epoch 1/2", "epoch 2/2"]
    assert all("g_loss" in line for line in summaries)


class RecordingProgressBar(ProgressBar):
    """A ProgressBar that notes where its bar stood when each epoch ended."""

    def on_epoch_end(self, epoch, logs=None):
        self.seen = (self.bar.n, self.bar.total, self.bar.postfix)
        super().on_epoch_end(epoch, logs)


def test_the_bar_counts_real_images_and_shows_d_probabilities(tiny_model, session, tiny_dataset):
    """With k=2 the bar ends at 12 images (3 steps of 2x2), its postfix showing p_real and p_fake."""
    bar = RecordingProgressBar(every_n_steps=1, file=io.StringIO())

    tiny_model.fit(session, tiny_dataset, epochs=1, k_steps=2, callbacks=[bar])

    count, total, postfix = bar.seen
    assert count == total == 12
    assert "p_real" in postfix and "p_fake" in postfix


def test_a_critic_shows_its_mean_outputs_and_their_gap_instead_of_probabilities(tiny_model_with, tiny_images):
    """A Wasserstein critic's output is no probability: the bar shows critic_gap, not p_real."""
    model = tiny_model_with(loss="wasserstein")
    bar = RecordingProgressBar(every_n_steps=1, file=io.StringIO())

    with tf.compat.v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, GANDataset(tiny_images, 4, batch_size=2, seed=0), epochs=1, callbacks=[bar])

    postfix = bar.seen[2]
    assert "critic_gap" in postfix and "d_real_mean" in postfix and "p_real" not in postfix
