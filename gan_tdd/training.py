"""The training loop: k discriminator updates, then one generator update, over epochs."""
from gan_tdd.callbacks.base import Callback, CallbackList
from gan_tdd.checks import require_int
from gan_tdd.data import GANDataset


def _check_fit_arguments(model, dataset, epochs, k_steps, pretrain_d_steps, callbacks):
    if not isinstance(dataset, GANDataset):
        raise TypeError(f"dataset must be a GANDataset, got {type(dataset).__name__}")
    require_int("epochs", epochs, 0)
    require_int("k_steps", k_steps, 1)
    require_int("pretrain_d_steps", pretrain_d_steps, 0)
    if dataset.noise_dim != model.noise_dim:
        raise ValueError(f"dataset.noise_dim ({dataset.noise_dim}) must equal the model's "
                         f"noise_dim ({model.noise_dim})")
    if tuple(dataset.image_shape) != tuple(model.image_shape):
        raise ValueError(f"dataset images of shape {tuple(dataset.image_shape)} do not fit the "
                         f"model's image_shape {tuple(model.image_shape)}")
    if dataset.batches_per_epoch < k_steps:
        raise ValueError(f"k_steps ({k_steps}) must be at most the batches per epoch "
                         f"({dataset.batches_per_epoch}), or an epoch would have no step")
    model.check_dataset(dataset)
    for callback in callbacks or ():
        if not isinstance(callback, Callback):
            raise TypeError(f"callbacks must hold Callback instances, got {type(callback).__name__}")


def fit(model, session, dataset, epochs=1, k_steps=1, callbacks=None, pretrain_d_steps=0):
    """Train `model` for `epochs` more epochs on `dataset`.

    One step is k discriminator updates, each on a fresh real batch and fresh noise, then one
    generator update on fresh noise (Goodfellow et al. 2014, Algorithm 1). An epoch lasts while
    the dataset has k batches left. Step and epoch numbers continue from the model's `g_step`
    and `epoch` counters, so a restored model carries on where it stopped: in an epoch it had
    begun, at the step after its last, with the batches and noise that epoch would have had
    (`GANDataset.reset(epoch)`): no step is repeated or lost.

    Callbacks may ask for extra tensors on a step (`Callback.fetches`), before its updates. One of
    the discriminator's own scalars (`model.discriminator_scalars`: p_real, d_real_loss, ...)
    comes from the step's last discriminator update, which computes it anyway; any other tensor
    rides along on the generator update's run, which is fed the step's last real batch too, so
    that any tensor of the graph can be fetched (one of D on real images is then computed
    again, after D's update). The logs' d_loss and g_loss are always the updates' own. Setting `model.stop_training = True` ends training after
    the current step. Callbacks hear of a step that raises (Ctrl-C included) in `on_train_end`,
    whose logs then hold the error as "exception"; fit raises it again after that.

    Args:
        model: a GANModel.
        session: a session on `model.graph`, with variables initialized or restored.
        dataset: a GANDataset whose images fit the model.
        epochs: how many epochs to train (0 runs no step).
        k_steps: discriminator updates per generator update.
        callbacks: a list of Callback instances, or None.
        pretrain_d_steps: discriminator updates before the model's very first generator update
            (none when a restored model has made one already), so that G's first gradients come
            from a D that already tells real from fake.

    Returns:
        {"d_loss": [...], "g_loss": [...]}: plain floats, one per step. d_loss is the last
        discriminator update's loss of the step.
    """
    _check_fit_arguments(model, dataset, epochs, k_steps, pretrain_d_steps, callbacks)
    model.prepare_to_fit(session, dataset)
    callbacks = CallbackList(callbacks)
    # The model's graph is the default one in set_model: ops a callback adds there (a gradient
    # to draw, a metric) land in the model's graph without a `graph.as_default()` of its own.
    with model.graph.as_default():
        callbacks.set_model(model, session, dataset)
    steps_per_epoch = dataset.batches_per_epoch // k_steps
    callbacks.set_params({"epochs": epochs, "k_steps": k_steps, "batch_size": dataset.batch_size,
                          "steps_per_epoch": steps_per_epoch})
    history = {"d_loss": [], "g_loss": []}
    # make_callable prepares fetches and feeds once, instead of on every session.run: one
    # prepared call per update and distinct set of callback fetches. A real batch brings the
    # model's `batch_inputs` along (a labelled model's labels; none for a GAN). The generator
    # update is fed the step's real batch too, so that a callback may fetch any tensor.
    prepared = {}

    def update(train_op, loss, extra, feed_list):
        key = (train_op.name, tuple(sorted((name, id(tensor)) for name, tensor in extra.items())))
        if key not in prepared:
            prepared[key] = session.make_callable([train_op, loss, extra], feed_list=feed_list)
        return prepared[key]

    def d_update(extra):
        return update(model.d_train_op, model.d_loss, extra, [model.real_images, model.noise, *model.batch_inputs])

    def g_update(extra):
        return update(model.g_train_op, model.g_loss, extra, [model.noise, model.real_images, *model.batch_inputs])

    # D's own scalars (p_real, d_real_loss, ...) are computed by each discriminator update: a
    # callback that asks for one gets the value of the step's last discriminator update, at no
    # cost. Any other tensor is fetched on the generator update.
    discriminator_scalars = {id(tensor) for tensor in model.discriminator_scalars.values()}

    step, first_epoch = (int(value) for value in session.run([model.g_step, model.epoch]))
    model.stop_training = False
    callbacks.on_train_begin({})
    try:
        # After on_train_begin, so that a stop asked for from there on (Ctrl-C, say) is heard
        # during the discriminator's pretraining too.
        if step == 0:
            for _ in range(pretrain_d_steps):
                if model.stop_training:
                    break
                if dataset.remaining_batches == 0:
                    dataset.reset()
                d_update({})(dataset.next_batch(), dataset.next_noise(), *model.batch_values(dataset))
        for epoch in range(first_epoch, first_epoch + epochs):
            if model.stop_training:  # asked for in the last on_epoch_end: begin no epoch without steps
                break
            callbacks.on_epoch_begin(epoch, {})
            # An epoch a restored model had begun goes on where it stopped, with its own batches
            # and noise: no step is repeated or lost, and the learning rates' schedule holds.
            dataset.reset(epoch)
            dataset.skip_steps(_steps_done_in(epoch, step, steps_per_epoch), k_steps)
            first_step_of_epoch = len(history["d_loss"])
            while dataset.remaining_batches >= k_steps and not model.stop_training:
                step += 1
                extra = callbacks.fetches(step)
                on_d = {name: tensor for name, tensor in extra.items() if id(tensor) in discriminator_scalars}
                on_g = {name: tensor for name, tensor in extra.items() if name not in on_d}
                for update_number in range(1, k_steps + 1):
                    _, d_loss, d_values = d_update(on_d if update_number == k_steps else {})(
                        dataset.next_batch(), dataset.next_noise(), *model.batch_values(dataset))
                _, g_loss, g_values = g_update(on_g)(dataset.next_noise(), dataset.last_batch,
                                                     *model.batch_values(dataset))
                # What fit reports itself, a fetch of the same name never replaces.
                logs = {**_plain(d_values), **_plain(g_values), "d_loss": float(d_loss), "g_loss": float(g_loss)}
                for name in history:
                    history[name].append(logs[name])
                callbacks.on_step_end(step, logs)
            if dataset.remaining_batches < k_steps:
                # Counted even when training stops on the epoch's last step: a resumed run then
                # starts the next epoch instead of repeating this one.
                session.run(model.increment_epoch)
            if model.stop_training:
                break
            callbacks.on_epoch_end(epoch, {name: _mean(values[first_step_of_epoch:])
                                           for name, values in history.items()})
    except BaseException as error:  # Ctrl-C too: callbacks close their files, then it goes on up
        callbacks.on_train_end({"exception": error})
        raise
    callbacks.on_train_end({})
    return history


def _steps_done_in(epoch, step, steps_per_epoch):
    """The steps a model at generator step `step` has taken in `epoch`, with `steps_per_epoch`
    steps in each epoch before it: 0 for an epoch not yet begun (or for a model trained before
    with another number of steps an epoch, where the count cannot be told)."""
    done = step - epoch * steps_per_epoch
    return done if 0 <= done < steps_per_epoch else 0


def _mean(values):
    return sum(values) / len(values)


def _plain(values):
    """numpy scalars to Python floats, so that logs hold plain numbers; anything else as it is."""
    return {name: float(value) if getattr(value, "shape", None) == () else value
            for name, value in values.items()}
