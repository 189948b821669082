"""Callback and CallbackList: the hooks of the training loop, and many callbacks acting as one.

A callback overrides the hooks it needs; every hook of the base class does nothing. `fit` calls
them in this order (docs/callbacks.md has the whole contract, with a trace of a real run):

    set_model(model, session, dataset)
    set_params({"epochs", "k_steps", "steps_per_epoch", "batch_size"})
    on_train_begin(logs)
      on_epoch_begin(epoch, logs)
        fetches(step) -> tensors to add to this step's session.run   } once per step
        on_step_end(step, logs)                                       }
      on_epoch_end(epoch, logs)
    on_train_end(logs)       also when a step raises: then logs["exception"] holds the error

Every hook receives a dict as `logs`, empty when there is nothing to say. A callback never runs
the session during a step: it asks for tensors in `fetches` and reads their values from `logs`
in `on_step_end`, so they cost no extra pass through the graph.

A whole callback that stops training once the discriminator wins:

    class StopWhenDiscriminatorWins(Callback):
        def fetches(self, step):
            return {"p_fake": self.model.p_fake}

        def on_step_end(self, step, logs):
            if logs["p_fake"] < 0.01:
                self.model.stop_training = True
"""


class Callback:
    """The base class: documented hooks that do nothing until a subclass overrides them.

    Attributes set by `set_model`: `model` (the GANModel being trained), `session` and
    `dataset` (the GANDataset it trains on); by `set_params`: `params`, the dict of fit's
    arguments (`epochs`, `k_steps`, `steps_per_epoch`, `batch_size`).
    """

    model = None
    session = None
    dataset = None
    params = None

    def set_model(self, model, session, dataset=None):
        """Called once by fit before training; the only hook where a callback may add ops. The
        model's graph is the default graph here: `tf.reduce_mean(model.d_real_logits)` just works."""
        self.model = model
        self.session = session
        self.dataset = dataset

    def set_params(self, params):
        """Called once by fit after `set_model`, with what this fit will run: {"epochs": epochs
        this fit trains, "k_steps": D updates per step, "steps_per_epoch", "batch_size"}."""
        self.params = params

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
        """Called after each complete epoch; `logs` holds the epoch's mean d_loss and g_loss.

        The callbacks share one `logs` dict, in list order: what a callback adds to it (an
        evaluation's figures, say) the callbacks after it read in their own `on_epoch_end`.
        """

    def on_train_end(self, logs=None):
        """Called once after the last step, also when training stopped early or a step raised.

        When a step raised, `logs["exception"]` holds the error, which fit raises again after
        this hook: close what is open (event files), but write no final artefact (a checkpoint,
        a final grid) from a run that broke.
        """


class CallbackList(Callback):
    """Several callbacks acting as one: each hook calls every member's hook in list order, with
    one shared `logs` dict (an empty one when the caller passes none)."""

    def __init__(self, callbacks=None):
        """Args: callbacks: the member callbacks, in the order their hooks are called."""
        self.callbacks = list(callbacks or ())

    def set_model(self, model, session, dataset=None):
        super().set_model(model, session, dataset)
        for callback in self.callbacks:
            callback.set_model(model, session, dataset)

    def set_params(self, params):
        super().set_params(params)
        for callback in self.callbacks:
            callback.set_params(params)

    def on_train_begin(self, logs=None):
        logs = _dict(logs)
        for callback in self.callbacks:
            callback.on_train_begin(logs)

    def on_epoch_begin(self, epoch, logs=None):
        logs = _dict(logs)
        for callback in self.callbacks:
            callback.on_epoch_begin(epoch, logs)

    def fetches(self, step):
        """The union of every member's fetches for this step (an empty dict when none asks)."""
        merged = {}
        for callback in self.callbacks:
            merged.update(callback.fetches(step) or {})
        return merged

    def on_step_end(self, step, logs=None):
        logs = _dict(logs)
        for callback in self.callbacks:
            callback.on_step_end(step, logs)

    def on_epoch_end(self, epoch, logs=None):
        logs = _dict(logs)
        for callback in self.callbacks:
            callback.on_epoch_end(epoch, logs)

    def on_train_end(self, logs=None):
        logs = _dict(logs)
        for callback in self.callbacks:
            callback.on_train_end(logs)


def _dict(logs):
    return {} if logs is None else logs
