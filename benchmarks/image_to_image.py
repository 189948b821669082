"""Does the adversarial term help restore damaged digits? The pixel-loss baseline beside pix2pix.

    taskset -c 0 python benchmarks/image_to_image.py --steps 2000 --damages lower-half,low-resolution

For each damage, trains ImageToImageModel on MNIST's training digits once per variant, one after
another with the same seed and the same networks, for the same number of steps:

    l1           adversarial_weight=0: the pixel loss alone (the baseline)
    l1+gan       the model's default fixed adversarial weight (0.01, pix2pix's 100:1)
    l1+ratio     (with --ratio R) the weight set each step so that, over the generator's variables,
                 the pixel loss's gradient is R times the weighted adversarial term's (TF-GAN's
                 gradient_ratio)

then restores --test fixed MNIST test digits and prints one row per variant, after a row for the
damaged input itself: L1 error to the originals, the shipped classifier's accuracy against the
true labels, MNIST score and Fréchet distance (gan_tdd.evaluation), and training minutes. It
writes --out/image-to-image-DAMAGE.png (--out docs/images: the pictures of docs/image-to-image.md):
one row per test digit, columns damaged | each variant | original.
--threads sets TensorFlow's thread pools (1 to compare runs fairly on one core).
"""
import argparse
import functools
import sys
import time
from pathlib import Path

import numpy as np

from gan_tdd.quiet_tensorflow import tf
from gan_tdd.data import GANDataset, as_gan_images, load_mnist
from gan_tdd.evaluation import Evaluator, MNISTClassifier
from gan_tdd.image_to_image import ImageToImageModel, add_noise, get_damage
from gan_tdd.images import save_grid

PICTURE_DIGITS = 10  # rows of the picture: the first test digits of the scored slice


def test_damage(name):
    """The damage applied to the test digits: fixed, so every variant restores the same inputs."""
    return functools.partial(add_noise, seed=1) if name == "noise" else get_damage(name)


def train_damage(name, seed):
    """The damage applied while training: fresh noise on each batch, from one seeded stream."""
    return functools.partial(add_noise, seed=np.random.default_rng(seed)) if name == "noise" else get_damage(name)


def figures(images, originals, labels, classifier, evaluator):
    """L1 to the originals, the classifier's accuracy against the true labels, MNIST score, FD."""
    predicted = classifier.probabilities(images).argmax(axis=1)
    scores = evaluator.evaluate(images)
    return {"l1": float(np.abs(images - originals).mean()), "accuracy": float((predicted == labels).mean()),
            "mnist_score": scores["mnist_score"], "frechet_distance": scores["frechet_distance"]}


def train(variant, model_args, damage_name, steps, batch_size, seed, threads, damaged_test):
    """Train one variant for `steps` steps; returns (restored test digits, training minutes)."""
    model = ImageToImageModel(seed=seed, **model_args, **variant)
    train_images = load_mnist("train")[0]
    dataset = GANDataset(train_images, noise_dim=1, batch_size=batch_size, seed=seed)
    damage = train_damage(damage_name, seed)
    config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=threads,
                                      inter_op_parallelism_threads=threads)
    with tf.compat.v1.Session(graph=model.graph, config=config) as session:
        model.initialize(session)
        started = time.perf_counter()
        for _ in range(steps):
            if not dataset.remaining_batches:
                dataset.reset()
            originals = dataset.next_batch()
            logs = model.train_step(session, damage(originals), originals)
        minutes = (time.perf_counter() - started) / 60
        print(f"    last step: d_loss {logs['d_loss']:.3f}  pixel_loss {logs['pixel_loss']:.3f}", flush=True)
        return model.restore(session, damaged_test), minutes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=2000, help="training steps per variant")
    parser.add_argument("--damages", default="lower-half,low-resolution",
                        help="comma-separated: lower-half, noise, low-resolution")
    parser.add_argument("--ratio", type=float, default=None, help="also train a gradient-ratio variant")
    parser.add_argument("--variants", default=None,
                        help="comma-separated subset of l1, l1+gan, l1+ratio to train (default: all)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--generator-width", type=int, default=32)
    parser.add_argument("--discriminator-width", type=int, default=32)
    parser.add_argument("--test", type=int, default=2000, help="MNIST test digits restored and scored")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1, help="TensorFlow threads; 0 for its default")
    parser.add_argument("--out", default="image-to-image", help="directory for the pictures")
    args = parser.parse_args(argv)
    variants = {"l1": {"adversarial_weight": 0}, "l1+gan": {}}
    if args.ratio is not None:
        variants["l1+ratio"] = {"gradient_ratio": args.ratio}
    if args.variants is not None:
        unknown = sorted(set(args.variants.split(",")) - set(variants))
        if unknown:
            parser.error(f"--variants: unknown or not enabled {', '.join(unknown)}; "
                         f"choose from {', '.join(variants)} (l1+ratio needs --ratio)")
        variants = {name: variants[name] for name in args.variants.split(",")}
    model_args = {"generator_width": args.generator_width, "discriminator_width": args.discriminator_width}
    test_images, test_labels = load_mnist("test")
    originals = as_gan_images(test_images[:args.test])
    labels = test_labels[:args.test]
    classifier, evaluator = MNISTClassifier(), Evaluator()
    evaluator.real_features  # computed now, outside the timed training
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"steps {args.steps}, batch {args.batch_size}, widths {args.generator_width}/"
          f"{args.discriminator_width}, {args.test} test digits, seed {args.seed}, threads {args.threads}")
    for damage_name in args.damages.split(","):
        damaged = test_damage(damage_name)(originals)
        rows = {"damaged input": (damaged, 0.0)}
        for name, variant in variants.items():
            print(f"  training {damage_name} / {name} ...", flush=True)
            rows[name] = train(variant, model_args, damage_name, args.steps, args.batch_size, args.seed,
                               args.threads, damaged)
        print(f"\n{damage_name}: {'variant':14s} {'L1':>6s} {'accuracy':>8s} {'mnist_score':>11s} "
              f"{'frechet':>8s} {'minutes':>7s}")
        for name, (images, minutes) in rows.items():
            each = figures(images, originals, labels, classifier, evaluator)
            print(f"{'':{len(damage_name) + 1}s} {name:14s} {each['l1']:6.3f} {each['accuracy']:8.3f} "
                  f"{each['mnist_score']:11.3f} {each['frechet_distance']:8.2f} {minutes:7.2f}", flush=True)
        columns = [images[:PICTURE_DIGITS] for images, _ in rows.values()] + [originals[:PICTURE_DIGITS]]
        picture = np.stack(columns, axis=1).reshape(-1, *originals.shape[1:])  # row by row
        path = out / f"image-to-image-{damage_name}.png"
        save_grid(picture, path, columns=len(columns), scale=3)
        print(f"  picture: {path}\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
