"""Print the evaluation metrics of reference image sets: the table in docs/evaluation.md.

    python benchmarks/reference_figures.py

Each set but the last holds 1,000 images, the number `EvaluationCallback` scores by default,
so its figures read as landmarks for a GAN's. The Fréchet distance is to all 10,000 test digits.
Then the shipped classifier's accuracy on the whole test set and on each 2,000-digit slice of it.
"""
import numpy as np

from gan_tdd.data import bytes_to_gan_range, load_mnist
from gan_tdd.evaluation import Evaluator, MNISTClassifier

COUNT = 1000


def box_blur(images, times=2):
    """A 3x3 box blur applied `times` times; the border is padded with black (-1)."""
    for _ in range(times):
        padded = np.pad(images, [(0, 0), (1, 1), (1, 1), (0, 0)], constant_values=-1.0)
        height, width = images.shape[1:3]
        images = sum(padded[:, dy:dy + height, dx:dx + width] for dy in range(3) for dx in range(3)) / 9
    return images.astype(np.float32)


def reference_sets():
    """(description, images) pairs: real digits, degraded digits, and failures a GAN can show."""
    test_images = bytes_to_gan_range(load_mnist("test")[0])
    train_images, train_labels = load_mnist("train")
    train_images = bytes_to_gan_range(train_images)
    noise = np.random.default_rng(0).uniform(-1, 1, (COUNT, 28, 28, 1)).astype(np.float32)
    return [
        ("real test digits (part of the reference)", test_images[:COUNT]),
        ("real training digits", train_images[:COUNT]),
        ("blurred test digits (3x3 box blur, twice)", box_blur(test_images[:COUNT])),
        ("uniform noise in [-1, 1]", noise),
        ("a single class (training digits labelled 1)", train_images[train_labels == 1][:COUNT]),
        ("one training digit repeated", np.repeat(train_images[:1], COUNT, axis=0)),
        ("real training digits, 10,000 of them", train_images[:10 * COUNT]),
    ]


def main():
    """Print the table of figures for the reference sets."""
    evaluator = Evaluator()
    print("| set | images | MNIST score | Fréchet distance | classes covered |")
    print("|---|---:|---:|---:|---:|")
    for description, images in reference_sets():
        metrics = evaluator.evaluate(images)
        print(f"| {description} | {len(images):,} | {metrics['mnist_score']:.2f} | "
              f"{metrics['frechet_distance']:.2f} | {metrics['classes_covered']} |")
    test_images, test_labels = load_mnist("test")
    right = MNISTClassifier().probabilities(bytes_to_gan_range(test_images)).argmax(axis=1) == test_labels
    slices = right.reshape(-1, 2000).mean(axis=1)
    print(f"classifier accuracy on the {len(right):,} test digits: {right.mean():.2%}; on its 2,000-digit "
          f"slices: {slices.min():.1%} to {slices.max():.1%}")


if __name__ == "__main__":
    main()
