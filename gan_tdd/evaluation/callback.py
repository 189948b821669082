"""EvaluationCallback: score the samples at the end of every n-th epoch; warn when training goes wrong."""
import logging

import numpy as np
from gan_tdd.quiet_tensorflow import tf

from gan_tdd.callbacks.base import Callback
from gan_tdd.callbacks.summary import event_writer
from gan_tdd.checks import require_int
from gan_tdd.data import fixed_noise, in_gan_range, load_mnist
from gan_tdd.evaluation.evaluator import Evaluator
from gan_tdd.evaluation.metrics import clustering_accuracy
from gan_tdd.models import InfoGANModel, LabelledGANModel, SelfConditionedGANModel

v1 = tf.compat.v1


class EvaluationCallback(Callback):
    """Scores `sample_count` generated images at the end of every `every_n_epochs`-th epoch.

    The same noise is used every time (drawn once from `seed`), so the figures of two epochs
    differ only because the generator changed. The metrics (see `Evaluator`) are

    - added to the epoch's `logs`, for the callbacks after this one: `mnist_score`,
      `frechet_distance`, `classes_covered` and `mean_p_fake` (plain numbers only; the class
      histogram goes to the log line, to TensorBoard and to `self.history`);
    - for a model that draws what it is asked for, also how well it does: a conditional GAN or
      ACGAN is asked for every digit in turn (0, 1, ..., 9, 0, ...) and gets `label_accuracy`
      (per digit on the log line and in TensorBoard); InfoGAN draws from every categorical code
      in turn, with continuous codes drawn once from their prior (`continuous_codes`, uniform
      in [-1, 1] as in training), and gets `code_class_match` (with the digit of each code),
      and `q_accuracy`: its Q as a classifier of real digits, right under the best one-to-one
      mapping of its categories to the digits (the InfoGAN paper's measure);
    - logged through the "gan_tdd" logger, with a warning in plain words when the samples
      cover fewer than 8 digits (mode collapse) or when the discriminator rejects generated
      images almost surely (mean p_fake over the epoch below 0.05);
    - written to TensorBoard as scalars `evaluation/...` at the generator step, when `logdir`
      is given. Give it a directory of its own (e.g. `runs/dcgan/evaluation`, shown by
      `tensorboard --logdir runs` as a run beside `runs/dcgan`): TensorBoard reads only the
      newest event file of a directory while it grows, so two writers should not share one.
    """

    COLLAPSE_CLASSES = 8  # fewer classes covered than this counts as mode collapse
    OVERPOWERED_P_FAKE = 0.05  # a mean D(G(z)) below this: the generator gets almost no signal

    def __init__(self, every_n_epochs=1, sample_count=1000, logdir=None, evaluator=None, logger=None,
                 seed=0, real_digits=None):
        """Args:
            every_n_epochs: evaluate after epochs n, 2n, 3n, ... (counting from 1).
            sample_count: how many images to generate and score; at least 2.
            logdir: a directory for TensorBoard scalars, or None to write none.
            evaluator: an Evaluator; None makes one (the shipped classifier, MNIST's test
                digits) when the first evaluation is due.
            logger: a logging.Logger; None for logging.getLogger("gan_tdd").
            seed: seeds the fixed noise batch.
            real_digits: (images, labels) of real digits for InfoGAN's q_accuracy; None for the
                first 1,000 of MNIST's test digits, loaded when first needed.
        """
        self.every_n_epochs = require_int("every_n_epochs", every_n_epochs, 1)
        self.sample_count = require_int("sample_count", sample_count, 2)
        self.seed = require_int("seed", seed, 0)
        self.logdir = None if logdir is None else str(logdir)
        self.evaluator = evaluator
        self.logger = logger or logging.getLogger("gan_tdd")
        self.noise = None
        self.continuous_codes = None  # an InfoGAN's, drawn in set_model
        self.writer = None
        self.history = []
        self._evaluating = False
        self._p_fake_values = []
        self.real_digits = real_digits

    def set_model(self, model, session, dataset=None):
        super().set_model(model, session, dataset)
        self.noise = fixed_noise(self.sample_count, model.noise_dim, self.seed)
        if isinstance(model, InfoGANModel):
            # Its samples as training draws them: with codes 0 they would all be the middle of
            # each code's range (one slant, one width), and the Frechet distance would say so.
            self.continuous_codes = np.random.default_rng(self.seed).uniform(
                -1, 1, (self.sample_count, model.continuous_dim)).astype(np.float32)
        if self.logdir is not None:
            self._close_writer()  # one left open by a fit that ended in an exception
            self.writer = event_writer(self.logdir, model)

    def on_epoch_begin(self, epoch, logs=None):
        self._evaluating = (epoch + 1) % self.every_n_epochs == 0
        self._p_fake_values = []

    def fetches(self, step):
        # p_fake is one of D's own scalars: it comes from the step's discriminator update, at no cost.
        if not (self._evaluating and self.model.loss.outputs_are_probabilities):
            return None  # a critic's raw score is no probability: nothing to warn of
        return {"p_fake": self.model.p_fake}

    def on_step_end(self, step, logs=None):
        if self._evaluating and "p_fake" in logs:
            self._p_fake_values.append(logs["p_fake"])

    def on_epoch_end(self, epoch, logs=None):
        if not self._evaluating:
            return
        if self.evaluator is None:
            self.evaluator = Evaluator()
        metrics = self._generate_and_evaluate()
        if self._p_fake_values:
            metrics["mean_p_fake"] = float(np.mean(self._p_fake_values))
        metrics["epoch"] = epoch + 1
        self.history.append(metrics)
        if logs is not None:  # plain numbers only: the lists go to the log line and TensorBoard
            logs.update({name: value for name, value in metrics.items()
                         if name != "epoch" and isinstance(value, (int, float))})
        self._log(metrics)
        if self.writer is not None:
            self._write(metrics, int(self.session.run(self.model.g_step)))

    def _generate_and_evaluate(self):
        """Score the fixed noise's images; a model that draws on request is asked for every
        digit (or code) in turn, so each comes equally often, and scored on whether it obliged."""
        count = len(self.noise)
        if isinstance(self.model, SelfConditionedGANModel):
            # Its labels are clusters, not digits: drawn as often as the data has them, and
            # scored as any GAN's samples are.
            return self.evaluator.evaluate(self.model.generate(self.session, self.noise))
        if isinstance(self.model, LabelledGANModel):
            labels = np.arange(count) % self.model.num_classes
            images = self.model.generate(self.session, self.noise, labels=labels)
            return self.evaluator.evaluate(images, labels=labels)
        if isinstance(self.model, InfoGANModel):
            codes = np.arange(count) % self.model.categorical_dim
            images = self.model.generate(self.session, self.noise, codes=(codes, self.continuous_codes))
            return {**self.evaluator.evaluate(images, codes=codes), **self._q_accuracy()}
        return self.evaluator.evaluate(self.model.generate(self.session, self.noise))

    def _q_accuracy(self):
        """InfoGAN's Q as a classifier of real digits: its categories against their labels."""
        if self.real_digits is None:
            images, labels = load_mnist("test")
            self.real_digits = (images[:1000], labels[:1000])
        images, labels = self.real_digits
        categories = self.model.q_categories(self.session, in_gan_range(images))
        accuracy, _ = clustering_accuracy(categories, labels, groups=self.model.categorical_dim, classes=10)
        return {"q_accuracy": accuracy}

    def _log(self, metrics):
        histogram = " ".join(f"{fraction:.2f}" for fraction in metrics["class_histogram"])
        asked = ""
        if "label_accuracy" in metrics:
            per_digit = " ".join(f"{accuracy:.2f}" for accuracy in metrics["label_accuracy_per_digit"])
            asked = f" label_accuracy {metrics['label_accuracy']:.3f} per digit [{per_digit}]"
        if "code_class_match" in metrics:
            digits = " ".join("-" if digit is None else str(digit) for digit in metrics["code_to_digit"])
            asked = (f" code_class_match {metrics['code_class_match']:.3f} digit of each code [{digits}]"
                     f" q_accuracy {metrics['q_accuracy']:.3f} on {len(self.real_digits[1])} real digits")
        self.logger.info("epoch %d evaluation on %d samples: mnist_score %.3f frechet_distance %.3f "
                         "classes_covered %d class_histogram [%s]%s", metrics["epoch"], self.sample_count,
                         metrics["mnist_score"], metrics["frechet_distance"],
                         metrics["classes_covered"], histogram, asked)
        if metrics["classes_covered"] < self.COLLAPSE_CLASSES:
            self.logger.warning(
                "epoch %d: the samples collapse onto %d of 10 digits (each of the others is under 5%% "
                "of the samples): mode collapse. See docs/evaluation.md, 'What to try'.",
                metrics["epoch"], metrics["classes_covered"])
        if metrics.get("mean_p_fake", 1.0) < self.OVERPOWERED_P_FAKE:
            self.logger.warning(
                "epoch %d: the discriminator overpowers the generator: it gave generated images a mean "
                "probability of %.3f of being real, so the generator learns little. See "
                "docs/evaluation.md, 'What to try'.", metrics["epoch"], metrics["mean_p_fake"])

    def _write(self, metrics, step):
        values = [v1.Summary.Value(tag=f"evaluation/{name}", simple_value=float(metrics[name]))
                  for name in ("mnist_score", "frechet_distance", "classes_covered", "mean_p_fake",
                               "label_accuracy", "code_class_match", "q_accuracy")
                  if name in metrics]
        values += [v1.Summary.Value(tag=f"evaluation/class_fraction/{digit}", simple_value=fraction)
                   for digit, fraction in enumerate(metrics["class_histogram"])]
        values += [v1.Summary.Value(tag=f"evaluation/label_accuracy_per_digit/{digit}", simple_value=accuracy)
                   for digit, accuracy in enumerate(metrics.get("label_accuracy_per_digit", []))
                   if not np.isnan(accuracy)]  # a digit never asked for has no accuracy
        self.writer.add_summary(v1.Summary(value=values), step)
        self.writer.flush()

    def on_train_end(self, logs=None):
        self._close_writer()

    def _close_writer(self):
        if self.writer is not None:
            self.writer.close()
            self.writer = None
