"""How good are a GAN's samples? Metrics computed with a small MNIST classifier of our own.

    from gan_tdd.evaluation import Evaluator
    metrics = Evaluator().evaluate(generated_images)
    # {"mnist_score": 9.1, "frechet_distance": 4.2, "classes_covered": 10, "class_histogram": [...]}

    Evaluator().evaluate(images, labels=digits_asked_for)   # + "label_accuracy", per digit too
    Evaluator().evaluate(images, codes=infogan_categories)   # + "code_class_match"

During training, `EvaluationCallback` computes them at the end of every n-th epoch.
"""
from gan_tdd.evaluation.callback import EvaluationCallback
from gan_tdd.evaluation.classifier import MNISTClassifier
from gan_tdd.evaluation.evaluator import Evaluator
from gan_tdd.evaluation.metrics import (class_histogram, code_class_match, code_to_class_mapping,
                                        frechet_distance, label_accuracy, label_accuracy_per_class,
                                        mnist_score, mode_coverage)

__all__ = ["Evaluator", "EvaluationCallback", "MNISTClassifier", "class_histogram", "code_class_match",
           "code_to_class_mapping", "frechet_distance", "label_accuracy", "label_accuracy_per_class",
           "mnist_score", "mode_coverage"]
