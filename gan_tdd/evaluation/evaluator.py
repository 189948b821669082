"""Evaluator: all the metrics of a batch of generated digits, against MNIST's test digits."""
import numpy as np

from gan_tdd.data import load_mnist
from gan_tdd.evaluation.classifier import MNISTClassifier
from gan_tdd.evaluation.metrics import (class_histogram, code_class_match, frechet_distance, label_accuracy,
                                        label_accuracy_per_class, mnist_score, mode_coverage)


class Evaluator:
    """Scores generated images with the MNIST classifier:

        evaluator = Evaluator()
        evaluator.evaluate(images)
        # {"mnist_score": 9.3, "frechet_distance": 3.1, "classes_covered": 10,
        #  "class_histogram": [0.1, 0.09, ...]}

    The real images' features, the reference of the Fréchet distance, are computed on the
    first call and kept. The Fréchet distance falls as the number of generated images grows
    (its estimate is biased upward for small samples): compare figures for the same count.
    """

    def __init__(self, classifier=None, real_images=None):
        """Args:
            classifier: an MNISTClassifier; None loads the shipped one.
            real_images: the reference images (uint8 or float in [-1, 1]); None for MNIST's
                10,000 test digits.
        """
        self.classifier = classifier if classifier is not None else MNISTClassifier()
        self.real_images = real_images
        self._real_features = None

    @property
    def real_features(self):
        """The classifier's features of the reference images, computed once."""
        if self._real_features is None:
            images = self.real_images if self.real_images is not None else load_mnist("test")[0]
            self._real_features = self.classifier.features(images)
        return self._real_features

    def evaluate(self, images, labels=None, codes=None):
        """The metrics of `images`, as plain Python numbers.

        Args:
            images: float images of shape (count, 28, 28, 1) in [-1, 1], count >= 2.
            labels: the digit each image was asked for (a conditional GAN or ACGAN), integers of
                shape (count,); adds the label accuracy.
            codes: the categorical code each image was drawn from (InfoGAN), integers of shape
                (count,) counting from 0; adds how well the codes match the digits.

        Returns:
            {"mnist_score": float, "frechet_distance": float, "classes_covered": int,
             "class_histogram": list of 10 floats}; with labels also "label_accuracy": float and
            "label_accuracy_per_digit": list of 10 floats (NaN for a digit not asked for); with
            codes also "code_class_match": float and "code_to_digit": the digit of each code
            under the best mapping, a list (None for a code left unmapped).
        """
        probabilities, features = self.classifier.probabilities_and_features(images)
        histogram = class_histogram(probabilities)
        metrics = {"mnist_score": mnist_score(probabilities),
                   "frechet_distance": frechet_distance(features, self.real_features),
                   "classes_covered": mode_coverage(histogram),
                   "class_histogram": histogram}
        if labels is not None:
            metrics["label_accuracy"] = label_accuracy(probabilities, labels)
            metrics["label_accuracy_per_digit"] = label_accuracy_per_class(probabilities, labels)
        if codes is not None:
            categories = int(np.max(codes)) + 1 if np.size(codes) else 1  # codes count from 0
            match, mapping = code_class_match(probabilities, codes, categories)
            metrics["code_class_match"] = match
            metrics["code_to_digit"] = [mapping.get(code) for code in range(categories)]
        return metrics
