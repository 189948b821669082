"""How fast is fit()? Prints figures measured side by side in this one run.

    python benchmarks/speed.py [--rounds 5] [--steps 100] [any main.py training flag: --model gan ...]

1. fit() against a hand-written tf.compat.v1 loop over the same graph (the model main.py's flags
   describe, its default one without them; at constant learning rates):
   same session, same batch size, same k, feed_dict, rounds interleaved (plain, fit, fit with
   callbacks; each round starts with the next one), median images per second of each, and their ratio.
2. fit() with SummaryCallback + LogCallback at main.py's default periods against fit() alone.
3. Start-up: from launching `python main.py` with those flags to its first finished training step.
4. Peak resident memory of this process (the data set, the graph, training at the batch size).

Speeds differ from one machine to another by a factor of 2.5: compare only ratios taken in one run.
"""
import argparse
import logging
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from gan_tdd.quiet_tensorflow import tf
from gan_tdd import GANDataset, LogCallback, SummaryCallback
from gan_tdd.cli.flags import train_parser
from gan_tdd.cli.settings import LABELLED_MODELS, RunSettings
from gan_tdd.data import bytes_to_gan_range, load_mnist

ROOT = Path(__file__).resolve().parent.parent


def plain_loop(session, model, images, labels, batch_size, k_steps, steps, random):
    """The loop one would write by hand: shuffle, slice and scale byte batches, k D runs, one G run.
    A model that draws labels gets the batch's labels in both runs, as fit() gives them."""
    order = random.permutation(len(images))
    position = 0
    for _ in range(steps):
        for _ in range(k_steps):
            chosen = order[position:position + batch_size]
            position += batch_size
            batch_labels = {} if labels is None else {model.labels: labels[chosen]}
            session.run([model.d_train_op, model.d_loss],
                        {model.real_images: bytes_to_gan_range(images[chosen]), **batch_labels,
                         model.noise: random.standard_normal((batch_size, model.noise_dim), dtype=np.float32)})
        session.run([model.g_train_op, model.g_loss],
                    {model.noise: random.standard_normal((batch_size, model.noise_dim), dtype=np.float32),
                     **batch_labels})


def timed(function):
    """Seconds that one call of `function` takes."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def startup_seconds(flags):
    """Seconds from launching main.py with `flags` until its log records the first finished step."""
    with tempfile.TemporaryDirectory() as logdir:
        started = time.perf_counter()
        # Seed 0: a self-conditioned run finds its clusters once for a data set and seed, and reads
        # them from the cache after; the first run of a seed waits for them too (about 11 s on MNIST).
        child = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--logdir", logdir, "--run-name", "s",
                                  "--log-every", "1", "--evaluation-samples", "0", "--seed", "0", *flags],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        log = Path(logdir) / "s" / "train.log"
        try:
            while child.poll() is None:
                if log.exists() and "step 1:" in log.read_text():
                    return time.perf_counter() - started
                time.sleep(0.02)
            raise RuntimeError(f"main.py exited with status {child.returncode} before its first step")
        finally:
            child.kill()
            child.wait()


def main():
    """Measure and print the figures listed in the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of each loop")
    parser.add_argument("--steps", type=int, default=100, help="training steps per round")
    ours, flags = parser.parse_known_args()
    # main.py's own flags and defaults (a loss's preset included) describe the model measured.
    settings, _ = RunSettings.from_flags(train_parser().parse_args(flags))
    if settings.model in ("image-to-image", "infogan"):
        parser.error(f"--model {settings.model}: the hand-written loop here feeds images, noise and labels "
                     "only; choose gan, conditional, acgan or self-conditioned")
    batch_size, k_steps, steps = settings.batch_size, settings.k_steps, ours.steps

    images, labels = load_mnist("train")
    # One fit() epoch is exactly `steps` steps: the same work as one round of the plain loop.
    epoch_images = images[:steps * k_steps * batch_size]
    epoch_labels = labels[:len(epoch_images)] if settings.model in LABELLED_MODELS else None
    if settings.model == "self-conditioned":
        # Its labels are its clusters; which cluster an image is in changes no cost.
        epoch_labels = np.arange(len(epoch_images)) % settings.clusters
    dataset = GANDataset(epoch_images, settings.noise_dim, batch_size, seed=0, labels=epoch_labels)
    settings.image_shape, settings.seed = list(dataset.image_shape), 0
    model = settings.build_model()  # without batches per epoch: constant learning rates
    logging.getLogger("gan_tdd").addHandler(logging.NullHandler())
    random = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as logdir, tf.compat.v1.Session(graph=model.graph) as session:
        model.initialize(session)
        callbacks = lambda: [SummaryCallback(logdir, settings.summary_every, settings.images_every),  # noqa: E731
                             LogCallback(settings.log_every)]
        loops = {
            "plain loop": lambda: plain_loop(session, model, epoch_images, epoch_labels, batch_size, k_steps,
                                             steps, random),
            "fit()": lambda: model.fit(session, dataset, epochs=1, k_steps=k_steps),
            "fit() + callbacks": lambda: model.fit(session, dataset, epochs=1, k_steps=k_steps,
                                                   callbacks=callbacks()),
        }
        for loop in loops.values():  # warm up: first runs allocate and pick kernels
            loop()
        seconds = {name: [] for name in loops}
        names = list(loops)
        for round_ in range(ours.rounds):
            # Each round starts with another loop, so that a loop is not always the one that runs
            # first (or last) while the machine's speed drifts.
            for name in names[round_ % len(names):] + names[:round_ % len(names)]:
                seconds[name].append(timed(loops[name]))
    rate = {name: steps * k_steps * batch_size / statistics.median(values) for name, values in seconds.items()}

    print(f"{type(model).__name__}, batch {batch_size}, k {k_steps}, {steps} steps a round, "
          f"{ours.rounds} interleaved rounds, medians:")
    for name in loops:
        print(f"  {name:18s} {rate[name]:8.0f} images/s")
    print(f"fit() / plain loop:             {rate['fit()'] / rate['plain loop']:.3f}")
    print(f"callbacks' cost (1 - with/without): {1 - rate['fit() + callbacks'] / rate['fit()']:.1%}")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"start-up, main.py to first finished step: {startup_seconds(flags):.2f} s")


if __name__ == "__main__":
    main()
