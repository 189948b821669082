"""Do the models that draw what they are asked for draw it? One row per model, the same steps each.

    taskset -c 0 python benchmarks/conditional.py --steps 1500 --threads 1 --out docs/images

Trains each of --models from seed 0 with main.py's defaults (DCGAN networks, the non-saturating
loss, Adam) for --steps generator steps on MNIST, on --threads TensorFlow threads, then prints a
Markdown row: training minutes, the MNIST score and Fréchet distance of --samples images, and
what each model's conditioning is for: the label accuracy (conditional, ACGAN: images asked for
a balanced set of digits, called by the shipped classifier) or the code-class match (InfoGAN:
its categorical code against the called digit under the best one-to-one mapping). It writes
OUT/conditional-MODEL.png, ten rows of ten: one row per digit asked for, or per InfoGAN code.
"""
import argparse
import sys
import time
from pathlib import Path

import numpy as np

from gan_tdd.quiet_tensorflow import tf
from gan_tdd import Callback, GANDataset
from gan_tdd.cli.flags import train_parser
from gan_tdd.cli.settings import LABELLED_MODELS, RunSettings
from gan_tdd.data import fixed_noise, load_labelled_images
from gan_tdd.evaluation import Evaluator
from gan_tdd.images import save_grid


class StopAtStep(Callback):
    """Stop after `steps` generator steps, timing the training alone."""

    def __init__(self, steps):
        self.steps = steps
        self.seconds = None

    def on_train_begin(self, logs=None):
        self.started = time.perf_counter()

    def on_step_end(self, step, logs=None):
        if step >= self.steps:
            self.seconds = time.perf_counter() - self.started
            self.model.stop_training = True


def choices(model_name, model, classes):
    """generate's arguments that ask for the digits (or InfoGAN codes) `classes`; none for a GAN."""
    if model_name in LABELLED_MODELS:
        return {"labels": classes}
    if model_name == "infogan":
        return {"codes": (classes, np.zeros((len(classes), model.continuous_dim), np.float32))}
    return {}


def train_and_score(model_name, steps, threads, samples, evaluator, out):
    """Train one model and return its row's figures."""
    args = train_parser().parse_args(["--model", model_name, "--seed", "0"])
    settings, _ = RunSettings.from_flags(args)
    images, labels = load_labelled_images(settings.data)
    dataset = GANDataset(images, settings.noise_dim, settings.batch_size, seed=0,
                         labels=labels if model_name in LABELLED_MODELS else None)
    settings.image_shape = list(dataset.image_shape)
    model = settings.build_model(dataset.batches_per_epoch)
    stop = StopAtStep(steps)
    config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=threads,
                                      inter_op_parallelism_threads=threads)
    with tf.compat.v1.Session(graph=model.graph, config=config) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=10**6, k_steps=settings.k_steps, callbacks=[stop],
                  pretrain_d_steps=settings.pretrain_d_steps)
        asked = choices(model_name, model, np.arange(samples) % 10)  # each digit samples / 10 times
        generated = model.generate(session, fixed_noise(samples, settings.noise_dim, 1), **asked)
        rows = choices(model_name, model, np.repeat(np.arange(10), 10))  # row r asks for r
        save_grid(model.generate(session, fixed_noise(100, settings.noise_dim, 2), **rows),
                  out / f"conditional-{model_name}.png", columns=10)
    figures = evaluator.evaluate(generated, labels=asked.get("labels"),
                                 codes=asked["codes"][0] if "codes" in asked else None)
    return {"minutes": stop.seconds / 60, **figures}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="gan,conditional,acgan,infogan")
    parser.add_argument("--steps", type=int, default=1500, help="generator steps per model")
    parser.add_argument("--threads", type=int, default=1, help="TensorFlow threads")
    parser.add_argument("--samples", type=int, default=1000, help="images scored per model")
    parser.add_argument("--out", type=Path, default=Path("conditional"), help="directory for the pictures")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    evaluator = Evaluator()
    evaluator.real_features  # computed now, before any timing
    print(f"{args.steps} generator steps each, {args.threads} TensorFlow thread(s), "
          f"{args.samples} samples scored", flush=True)
    print("| model | minutes | MNIST score | Fréchet distance | label accuracy | code-class match |")
    print("|---|---:|---:|---:|---:|---:|", flush=True)
    for name in args.models.split(","):
        row = train_and_score(name, args.steps, args.threads, args.samples, evaluator, args.out)
        label = f"{row['label_accuracy']:.3f}" if "label_accuracy" in row else "–"
        code = f"{row['code_class_match']:.3f}" if "code_class_match" in row else "–"
        print(f"| {name} | {row['minutes']:.2f} | {row['mnist_score']:.2f} | {row['frechet_distance']:.2f} "
              f"| {label} | {code} |", flush=True)
        if "label_accuracy_per_digit" in row:
            print("  per digit:", " ".join(f"{value:.2f}" for value in row["label_accuracy_per_digit"]))
        if "code_to_digit" in row:
            print("  digit of each code:", row["code_to_digit"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
