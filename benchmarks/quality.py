"""How good are the samples after how much training? Prints a table of quality against time.

    python benchmarks/quality.py --report-at 1000,2000,4000 [any main.py training flag]

Trains with the given settings (main.py's flags and defaults) and, at each listed step, prints
steps, epochs, training minutes (the time spent scoring is not counted) and the sample-quality
figures of gan_tdd.evaluation on --samples images (the classes' smallest and largest shares
among them too); it also writes a grid of 64 samples per report
to --out. --threads sets TensorFlow's thread pools, so that two settings can be compared side by
side on one core each; minutes are then per core, not the figure of a default run.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

from gan_tdd.quiet_tensorflow import tf
from gan_tdd import Callback
from gan_tdd.cli.flags import train_parser
from gan_tdd.cli.settings import LABELLED_MODELS, RunSettings
from gan_tdd.cli.train import dataset_for, find_clusters
from gan_tdd.data import fixed_noise
from gan_tdd.evaluation import Evaluator
from gan_tdd.images import save_grid


class ReportAtSteps(Callback):
    """At each listed step: pause the clock, score samples from fixed noise, print a row."""

    def __init__(self, steps, evaluator, noise, out, labels=None):
        self.steps = sorted(steps)
        self.labels = labels  # the digits a labelled model is asked for, or None
        self.evaluator = evaluator
        self.noise = noise
        self.out = out
        self.train_seconds = 0.0

    def on_train_begin(self, logs=None):
        print("steps  epochs  minutes  mnist_score  frechet  classes  shares%min-max  d_loss  g_loss"
              + ("  label_accuracy" if self.labels is not None else ""), flush=True)
        self.started = time.perf_counter()

    def on_step_end(self, step, logs=None):
        if step not in self.steps:
            return
        self.train_seconds += time.perf_counter() - self.started
        asked = {} if self.labels is None else {"labels": self.labels}
        images = self.model.generate(self.session, self.noise, **asked)
        figures = self.evaluator.evaluate(images, labels=self.labels)
        # 64 spread over the samples: a self-conditioned model draws its clusters in order.
        save_grid(images[np.linspace(0, len(images) - 1, 64).astype(int)], self.out / f"step-{step:06d}.png")
        # fit's own steps per epoch: batches // k, as fit drops the batches that make no whole step.
        epochs = step / self.params["steps_per_epoch"]
        print(f"{step:5d}  {epochs:6.2f}  {self.train_seconds / 60:7.2f}  {figures['mnist_score']:11.3f}"
              f"  {figures['frechet_distance']:7.2f}  {figures['classes_covered']:7d}"
              f"  {100 * min(figures['class_histogram']):6.1f}-{100 * max(figures['class_histogram']):<6.1f}"
              f"  {logs['d_loss']:6.3f}  {logs['g_loss']:6.3f}"
              + (f"  {figures['label_accuracy']:14.3f}" if self.labels is not None else ""), flush=True)
        if step == self.steps[-1]:
            self.model.stop_training = True
        self.started = time.perf_counter()


def main(argv=None):
    """Parse the report flags and main.py's training flags, train, and print a row per report."""
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--report-at", required=True, help="comma-separated steps to report at")
    extra.add_argument("--samples", type=int, default=2000, help="images scored per report")
    extra.add_argument("--threads", type=int, default=0, help="TensorFlow threads; 0 for its default")
    extra.add_argument("--out", default="quality", help="directory for the sample grids")
    extra.add_argument("--average-decay", type=float, default=None,
                       help="sample from an exponential moving average of the generator (GANModel's average_decay)")
    ours, rest = extra.parse_known_args(argv)
    args = train_parser().parse_args(rest)
    seed = 0 if args.seed is None else args.seed
    print("settings:", " ".join(sys.argv[1:] if argv is None else argv) or "(defaults)", flush=True)
    settings, _ = RunSettings.from_flags(args)  # a loss's preset fills the flags not given
    settings.seed = seed
    labelled = settings.model in LABELLED_MODELS
    dataset = dataset_for(settings)  # as main.py makes it: labels only for a labelled model
    if settings.model == "self-conditioned":
        dataset = dataset_for(settings, find_clusters(dataset.images, settings))
    settings.image_shape = list(dataset.image_shape)
    averaged = {} if ours.average_decay is None else {"average_decay": ours.average_decay}
    model = settings.build_model(dataset.batches_per_epoch, **averaged)  # decays over --epochs, as main.py does
    out = Path(ours.out)
    out.mkdir(parents=True, exist_ok=True)
    evaluator = Evaluator()
    evaluator.real_features  # computed now, outside the timed training
    report = ReportAtSteps([int(step) for step in ours.report_at.split(",")], evaluator,
                           fixed_noise(ours.samples, args.noise_dim, seed + 1), out,
                           labels=np.arange(ours.samples) % 10 if labelled else None)
    config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=ours.threads,
                                      inter_op_parallelism_threads=ours.threads)
    with tf.compat.v1.Session(graph=model.graph, config=config) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=10**6, k_steps=settings.k_steps, callbacks=[report],
                  pretrain_d_steps=settings.pretrain_d_steps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
