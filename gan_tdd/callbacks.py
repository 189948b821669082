"""Callbacks: the extension point of the training loop.

A callback overrides the hooks it needs; every hook of the base class does nothing. The loop
calls them in this order:

    set_model(model, session, dataset)
    on_train_begin()
      on_epoch_begin(epoch)
        fetches(step) -> tensors to add to this step's session.run   } once per step
        on_step_end(step, logs)                                       }
      on_epoch_end(epoch, logs)
    on_train_end()

A callback never runs the session during a step: it asks for tensors in `fetches` and reads
their values from `logs` in `on_step_end`, so they cost no extra pass through the graph.

A whole callback that stops training once the discriminator wins:

    class StopWhenDiscriminatorWins(Callback):
        def fetches(self, step):
            return {"p_fake": self.model.p_fake}

        def on_step_end(self, step, logs=None):
            if logs["p_fake"] < 0.01:
                self.model.stop_training = True
"""
import logging

import tensorflow as tf

from gan_tdd.checks import require_int

v1 = tf.compat.v1


class Callback:
    """The base class: documented hooks that do nothing until a subclass overrides them.

    Attributes set by `set_model`: `model` (the GANModel being trained), `session` and
    `dataset` (the GANDataset it trains on).
    """

    model = None
    session = None
    dataset = None

    def set_model(self, model, session, dataset=None):
        """Called once by fit before training; the only hook where a callback may add ops."""
        self.model = model
        self.session = session
        self.dataset = dataset

    def on_train_begin(self, logs=None):
        """Called once before the first step."""

    def on_epoch_begin(self, epoch, logs=None):
        """Called before the first step of each epoch; `epoch` counts from 0."""

    def fetches(self, step):
        """Tensors to fetch on step `step` (counting from 1), as {name: tensor}, or None.

        Their values arrive in `logs[name]` in `on_step_end` of the same step.
        """
        return None

    def on_step_end(self, step, logs=None):
        """Called after each generator update; `logs` holds d_loss, g_loss and fetched values."""

    def on_epoch_end(self, epoch, logs=None):
        """Called after each complete epoch; `logs` holds the epoch's mean d_loss and g_loss."""

    def on_train_end(self, logs=None):
        """Called once after the last step, also when training stopped early."""


class CallbackList(Callback):
    """Several callbacks acting as one: each hook calls every member's hook in list order."""

    def __init__(self, callbacks=None):
        """Args: callbacks: the member callbacks, in the order their hooks are called."""
        self.callbacks = list(callbacks or ())

    def set_model(self, model, session, dataset=None):
        super().set_model(model, session, dataset)
        for callback in self.callbacks:
            callback.set_model(model, session, dataset)

    def on_train_begin(self, logs=None):
        for callback in self.callbacks:
            callback.on_train_begin(logs)

    def on_epoch_begin(self, epoch, logs=None):
        for callback in self.callbacks:
            callback.on_epoch_begin(epoch, logs)

    def fetches(self, step):
        """The union of every member's fetches for this step (an empty dict when none asks)."""
        merged = {}
        for callback in self.callbacks:
            merged.update(callback.fetches(step) or {})
        return merged

    def on_step_end(self, step, logs=None):
        for callback in self.callbacks:
            callback.on_step_end(step, logs)

    def on_epoch_end(self, epoch, logs=None):
        for callback in self.callbacks:
            callback.on_epoch_end(epoch, logs)

    def on_train_end(self, logs=None):
        for callback in self.callbacks:
            callback.on_train_end(logs)


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
        # A FileWriter refuses to be made while eager execution is on: make it in the model's graph.
        with model.graph.as_default():
            self.writer = v1.summary.FileWriter(self.logdir, graph=model.graph)

    def fetches(self, step):
        wanted = {}
        if step % self.every_n_steps == 0:
            wanted["scalar_summary"] = self.model.scalar_summary
        if step % self.images_every_n_steps == 0:
            wanted["image_summary"] = self.model.image_summary
        return wanted

    def on_step_end(self, step, logs=None):
        for name in ("scalar_summary", "image_summary"):
            if name in logs:
                self.writer.add_summary(logs[name], step)

    def on_train_end(self, logs=None):
        self.writer.close()


class LogCallback(Callback):
    """Logs one line every `every_n_steps` steps through Python `logging`:

    `epoch 1 step 200: d_loss 1.2031 g_loss 0.8720 p_real 0.561 p_fake 0.437`
    """

    def __init__(self, every_n_steps=100, logger=None):
        """Args:
            every_n_steps: steps between lines.
            logger: where the lines go; by default the "gan_tdd" logger.
        """
        self.every_n_steps = require_int("every_n_steps", every_n_steps, 1)
        self.logger = logger or logging.getLogger("gan_tdd")
        self.epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def fetches(self, step):
        if step % self.every_n_steps == 0:
            return {"p_real": self.model.p_real, "p_fake": self.model.p_fake}
        return None

    def on_step_end(self, step, logs=None):
        if step % self.every_n_steps == 0:
            self.logger.info("epoch %d step %d: d_loss %.4f g_loss %.4f p_real %.3f p_fake %.3f",
                             self.epoch + 1, step, logs["d_loss"], logs["g_loss"],
                             logs["p_real"], logs["p_fake"])
