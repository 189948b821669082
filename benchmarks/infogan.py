"""What did an InfoGAN run's codes come to mean? Prints its code-to-digit table and its sweeps.

    python benchmarks/infogan.py --run runs/RUN [--per-code 1000] [--rows 100]

From the run's last checkpoint (no training), with the shipped MNIST classifier:
- the samples' quality: `--samples` images drawn as training draws them (each categorical code
  as often, continuous codes uniform in [-1, 1]) scored by gan_tdd.evaluation: MNIST score,
  Fréchet distance, the smallest and largest share of a digit;
- each categorical code's digits: `--per-code` samples of each code (continuous codes 0), the
  share of each digit among them, the digit of each code under the best one-to-one mapping, and
  the code-class match (the share of all samples that are their code's digit);
- Q as a classifier of MNIST's 10,000 test digits, right under the best one-to-one mapping of
  its categories to digits (q_accuracy, the InfoGAN paper's measure);
- each continuous code's effect: `--rows` rows per categorical code, each one noise vector with
  that continuous code swept from -1 to 1 in ten steps (the layout of `main.py sample --sweep`);
  the mean change of each stroke measure (gan_tdd.evaluation.strokes: slant, width, ink) from
  the sweep's first image to its last, in units of that measure's standard deviation over real
  test digits, and the share of rows whose ten images the classifier names as one digit.

The pictures: `python main.py sample --run RUN --count 100 --output codes.png` (a row per
code, the same noise down each column) and `... --sweep K --output sweep-K.png`.
"""
import argparse
import sys

import numpy as np

from gan_tdd.quiet_tensorflow import tf
from gan_tdd.checkpoints import Checkpointer
from gan_tdd.cli.settings import RunSettings
from gan_tdd.data import fixed_noise, in_gan_range, load_mnist
from gan_tdd.evaluation import Evaluator, MNISTClassifier, code_class_match
from gan_tdd.evaluation.metrics import clustering_accuracy
from gan_tdd.evaluation.strokes import stroke_measures
from gan_tdd.models.infogan import GRID_COLUMNS, code_grid

MEASURES = ("slant", "width", "ink")


def quality(model, session, classifier, count, noise_dim):
    """The Evaluator's figures of `count` samples drawn as training draws them."""
    codes = (np.arange(count) % model.categorical_dim,
             np.random.default_rng(3).uniform(-1, 1, (count, model.continuous_dim)).astype(np.float32))
    return Evaluator(classifier).evaluate(model.generate(session, fixed_noise(count, noise_dim, 3), codes=codes))


def code_table(model, session, classifier, per_code, noise_dim):
    """Each code's share of each digit, the mapping and the code-class match."""
    codes = np.repeat(np.arange(model.categorical_dim), per_code)
    noise = fixed_noise(len(codes), noise_dim, 1)
    images = model.generate(session, noise, codes=(codes, np.zeros((len(codes), model.continuous_dim), np.float32)))
    probabilities = classifier.probabilities(images)
    match, mapping = code_class_match(probabilities, codes, model.categorical_dim)
    digits = probabilities.argmax(axis=1)
    shares = np.stack([np.bincount(digits[codes == code], minlength=10) / per_code
                       for code in range(model.categorical_dim)])
    return match, mapping, shares


def sweep_effects(model, session, classifier, rows, noise_dim, real_spread):
    """For each continuous code: the mean change of each measure along a sweep, in units of the
    real digits' spread, and the share of sweeps named one digit all along."""
    effects = []
    for code in range(model.continuous_dim):
        count = rows * model.categorical_dim * GRID_COLUMNS
        noise_index, categorical, continuous = code_grid(count, model.categorical_dim, model.continuous_dim,
                                                         sweep=code)
        noise = fixed_noise(noise_index.max() + 1, noise_dim, 2)[noise_index]
        images = model.generate(session, noise, codes=(categorical, continuous))
        measures = stroke_measures(images)
        change = {name: float(np.mean(measures[name][GRID_COLUMNS - 1::GRID_COLUMNS]
                                      - measures[name][::GRID_COLUMNS]) / real_spread[name]) for name in MEASURES}
        named = classifier.probabilities(images).argmax(axis=1).reshape(-1, GRID_COLUMNS)
        steady = float(np.mean((named == named[:, :1]).all(axis=1)))
        effects.append((change, steady))
    return effects


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", required=True, help="an InfoGAN run's directory")
    parser.add_argument("--samples", type=int, default=10000, help="samples scored for their quality")
    parser.add_argument("--per-code", type=int, default=1000, help="samples of each categorical code")
    parser.add_argument("--rows", type=int, default=100, help="sweeps of each continuous code per categorical code")
    args = parser.parse_args(argv)
    settings = RunSettings.read(args.run)
    if settings.model != "infogan":
        parser.error(f"--run: {args.run} is a run of --model {settings.model}, not infogan")
    model = settings.build_model()
    test_images, test_labels = load_mnist("test")
    real_spread = {name: float(np.std(values)) for name, values in
                   stroke_measures(in_gan_range(test_images)).items()}
    with tf.compat.v1.Session(graph=model.graph) as session, MNISTClassifier() as classifier:
        Checkpointer(model, f"{args.run}/checkpoints").restore(session)
        match, mapping, shares = code_table(model, session, classifier, args.per_code, settings.noise_dim)
        q_accuracy, _ = clustering_accuracy(model.q_categories(session, in_gan_range(test_images)), test_labels,
                                            groups=model.categorical_dim, classes=10)
        effects = sweep_effects(model, session, classifier, args.rows, settings.noise_dim, real_spread)
        figures = quality(model, session, classifier, args.samples, settings.noise_dim)

    print(f"run {args.run}: {settings.epochs} epochs, seed {settings.seed}")
    histogram = figures["class_histogram"]
    print(f"{args.samples} samples: mnist_score {figures['mnist_score']:.3f} frechet_distance "
          f"{figures['frechet_distance']:.2f} digit shares {100 * min(histogram):.1f}-{100 * max(histogram):.1f}%")
    print(f"code-class match {match:.3f} on {args.per_code} samples per code; "
          f"q_accuracy {q_accuracy:.3f} on {len(test_labels)} test digits")
    print("code  digit  purity  " + "  ".join(f"{digit:>4d}" for digit in range(10)))
    for code, row in enumerate(shares):
        digit = mapping.get(code)
        purity = row[digit] if digit is not None else float("nan")
        print(f"{code:4d}  {'-' if digit is None else digit:>5}  {purity:6.3f}  "
              + "  ".join(f"{share:4.2f}" for share in row))
    print("continuous code  " + "  ".join(f"d{name:>6}" for name in MEASURES) + "  one digit along the sweep")
    for code, (change, steady) in enumerate(effects):
        print(f"{code:15d}  " + "  ".join(f"{change[name]:+7.2f}" for name in MEASURES) + f"  {steady:.3f}")
    print("(changes from -1 to 1, in standard deviations of the measure over real test digits: "
          + ", ".join(f"{name} {real_spread[name]:.3f}" for name in MEASURES) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
