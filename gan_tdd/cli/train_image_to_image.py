"""`python main.py --model image-to-image --damage NAME`: train a model that restores damaged images.

The loop is ImageToImageModel's own (`train_step` on each batch of originals and their damage),
counted in steps so that a run stopped mid-epoch resumes where it stopped. After each epoch it
saves a checkpoint and RUN_DIR/samples/epoch-NNN.png: one row per fixed test image, columns
damaged | restored | original; every --log-every steps a line of losses goes to train.log.
"""
import math
import sys

import numpy as np

GRID_IMAGES = 8  # rows of the per-epoch picture


def grid_originals(settings, dataset):
    """The originals of the per-epoch pictures: MNIST's first test digits, or the data's first images."""
    from gan_tdd.data import as_gan_images, load_mnist

    images = load_mnist("test")[0] if settings.data == "mnist" else dataset.images
    return as_gan_images(images[:GRID_IMAGES])


def training_damage(settings, step):
    """The damage of the training batches; noise comes from a stream fixed by the seed and the
    step the run (re)starts at, so that a resumed run does not replay the first part's noise."""
    import functools

    from gan_tdd.image_to_image import add_noise, get_damage

    if settings.damage == "noise":
        return functools.partial(add_noise, seed=np.random.default_rng([settings.seed, step]))
    return get_damage(settings.damage)


def fixed_damage(settings):
    """The damage of the pictures' images: the same on every epoch."""
    import functools

    from gan_tdd.image_to_image import add_noise, get_damage

    return functools.partial(add_noise, seed=0) if settings.damage == "noise" else get_damage(settings.damage)


def save_restorations(model, session, damaged, originals, path):
    """A picture of one row per image: damaged | restored | original."""
    from gan_tdd.images import save_grid

    restored = model.restore(session, damaged)
    save_grid(np.stack([damaged, restored, originals], axis=1).reshape(-1, *originals.shape[1:]), path,
              columns=3)


def train_image_to_image(run_directory, settings, dataset, model, resuming):
    """Train in `run_directory` to settings.epochs epochs; returns 0 when done, 130 when stopped by
    Ctrl-C (a checkpoint is saved first) and 1 when a loss became NaN (nothing saved after it)."""
    import logging

    from tqdm import tqdm

    from gan_tdd.quiet_tensorflow import tf

    from gan_tdd.checkpoints import Checkpointer
    from gan_tdd.callbacks import StopOnInterrupt
    from gan_tdd.cli.terminal import warnings_to_terminal
    from gan_tdd.logs import log_to_file, stop_logging

    logger = logging.getLogger("gan_tdd")
    checkpointer = Checkpointer(model, run_directory / "checkpoints")
    samples = run_directory / "samples"
    samples.mkdir(exist_ok=True)
    originals = grid_originals(settings, dataset)
    damaged = fixed_damage(settings)(originals)
    model.stop_training = False
    handlers = [log_to_file(run_directory / "train.log"), warnings_to_terminal()]
    try:
        print(f"run directory: {run_directory}", file=sys.stderr)
        with tf.compat.v1.Session(graph=model.graph) as session:
            if resuming:
                print(f"resumed from {checkpointer.restore(session)}", file=sys.stderr)
            else:
                model.initialize(session)
            step = int(session.run(model.g_step))
            last_step = settings.epochs * dataset.batches_per_epoch
            if resuming and step >= last_step:
                print(f"{run_directory} has trained all its {settings.epochs} epochs already; to train "
                      f"on, give a larger total: python main.py --resume {run_directory} "
                      f"--epochs {step // dataset.batches_per_epoch + settings.epochs}", file=sys.stderr)
                return 0
            dataset.reseed([settings.seed, step])
            damage = training_damage(settings, step)
            bar = tqdm(total=last_step, initial=step, unit="step", file=sys.stderr, leave=False,
                       dynamic_ncols=True)
            with StopOnInterrupt().watching(model):
                while step < last_step and not model.stop_training:
                    if not dataset.remaining_batches:
                        dataset.reset()
                    batch = dataset.next_batch()
                    logs = model.train_step(session, damage(batch), batch)
                    if not all(math.isfinite(value) for value in logs.values()):
                        logger.error("a loss became NaN or infinite at step %d (%s); the newest checkpoint "
                                     "stays %s", step + 1, logs, checkpointer.latest())
                        return 1
                    step += 1
                    bar.update(1)
                    bar.set_postfix(pixel_loss=f"{logs['pixel_loss']:.3f}", d_loss=f"{logs['d_loss']:.3f}")
                    if step % settings.log_every == 0:
                        logger.info("step %d: d_loss %.4f g_loss %.4f pixel_loss %.4f", step, logs["d_loss"],
                                    logs["g_loss"], logs["pixel_loss"])
                    if step % dataset.batches_per_epoch == 0:
                        epoch = step // dataset.batches_per_epoch
                        save_restorations(model, session, damaged, originals, samples / f"epoch-{epoch:03d}.png")
                        checkpointer.save(session)
            bar.close()
            # A Ctrl-C during the last epoch's pictures or save leaves a finished run.
            if model.stop_training and step < last_step:
                checkpointer.save(session)
                print(f"stopped at step {step}, checkpoint saved; continue with: "
                      f"python main.py --resume {run_directory}", file=sys.stderr)
                return 130
            # The last epoch's checkpoint is the final one already.
            save_restorations(model, session, damaged, originals, samples / "final.png")
    finally:
        stop_logging(handlers)
    print(f"done: damaged | restored | original in {samples}", file=sys.stderr)
    return 0
