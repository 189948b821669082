"""InfoGAN's variants tried on the way to codes that stand for the digits: a row per setting.

    python benchmarks/infogan_variants.py --real-entropy 1 --epochs 12 --threads 1 [main.py's InfoGAN flags]

Trains `main.py --model infogan` (its flags and defaults, which include --clustering-weight:
give --clustering-weight 0 for the paper's InfoGAN) with one or more of the changes below, and
after each epoch logs the evaluation's line (code-class match, q_accuracy, MNIST score, Fréchet
distance on 1,000 samples) and writes main.py's InfoGAN grid (a row per code, the same noise
down each column) to --out/epoch-NNN.png.

    --real-entropy W       Q's categories of the real images sure and balanced, weight W in
                           d_loss: the clustering without its moved images
                           (self_augmented_clustering_loss(logits, logits): its KL is then 0)
    --fake-moves           Q also reads the categorical code from the generated images moved
                           (gan_tdd.augmentation.random_affine), a second term of the penalty
    --noise-scale S        G reads the noise times S, so that the code weighs more
    --noise-recovery W     Q also recovers the noise, weight W (ClusterGAN's, Mukherjee et al. 2019)
    --noise-ramp STEPS     the noise's scale grows from 0 to 1 over the first STEPS steps
    --moves D,Z,S,H        the clustering's moves: random_affine(max_degrees=D, max_zoom=Z,
                           max_shift=S, max_shear=H) (default: InfoGANModel's)

The rows of docs/unsupervised.md ran two at a time, one thread each (--threads 1).
"""
import argparse
import logging
import sys
import time

from gan_tdd.quiet_tensorflow import tf
from gan_tdd import Callback, SampleGridCallback
from gan_tdd.augmentation import random_affine
from gan_tdd.auxiliary_losses import class_cross_entropy, self_augmented_clustering_loss
from gan_tdd.cli.flags import train_parser
from gan_tdd.cli.settings import INFOGAN_SETTINGS, RunSettings
from gan_tdd.cli.train import dataset_for, grid_inputs
from gan_tdd.data import fixed_noise
from gan_tdd.evaluation import EvaluationCallback
from gan_tdd.layers import dense
from gan_tdd.models import InfoGANModel

v1 = tf.compat.v1


def variant_model(options):
    """InfoGANModel with the changes `options` asks for."""
    class Variant(InfoGANModel):
        def _build_inputs(self):
            super()._build_inputs()
            self.noise_scale = v1.Variable(0.0 if options.noise_ramp else options.noise_scale, trainable=False,
                                           name="noise_scale")
            self.new_noise_scale = v1.placeholder(tf.float32, [])
            self.set_noise_scale = v1.assign(self.noise_scale, self.new_noise_scale)

        def generator_inputs(self):
            return tf.concat([self.noise * self.noise_scale, tf.one_hot(self.categorical_code, self.categorical_dim),
                              self.continuous_code], axis=1)

        def discriminate(self, images):
            if not options.noise_recovery:
                return super().discriminate(images)
            features = self.discriminator_features_fn(images)  # InfoGANModel's heads, and one more
            return {"logits": dense(features, 1, "logit"),
                    "q_categorical": dense(features, self.categorical_dim, "q_categorical"),
                    "q_continuous": dense(features, self.continuous_dim, "q_continuous"),
                    "q_noise": dense(features, self.noise_dim, "q_noise")}

        def _build_losses(self):
            if options.fake_moves:
                with v1.variable_scope("discriminator", reuse=True):
                    moved = self.discriminate(random_affine()(self.generated_images))
            super()._build_losses()
            extra_d = extra_g = 0.0
            if options.fake_moves:
                extra_g = extra_d = self.categorical_weight * class_cross_entropy(moved["q_categorical"],
                                                                                  self.categorical_code)
            if options.noise_recovery:
                recovery = options.noise_recovery * tf.reduce_mean(tf.reduce_sum(
                    0.5 * tf.square(self.d_fake_outputs["q_noise"] - self.noise), axis=1))
                extra_d, extra_g = extra_d + recovery, extra_g + recovery
            if options.real_entropy:
                logits = self.d_real_outputs["q_categorical"]
                extra_d = extra_d + options.real_entropy * self_augmented_clustering_loss(logits, logits)
            self.d_loss, self.g_loss = self.d_loss + extra_d, self.g_loss + extra_g
            self.scalars = {**self.scalars, "d_loss": self.d_loss, "g_loss": self.g_loss}
    return Variant


class NoiseRamp(Callback):
    """Sets the noise's scale after each step: step / steps, up to 1."""

    def __init__(self, steps):
        self.steps = steps

    def on_step_end(self, step, logs=None):
        if self.steps and step <= self.steps:
            self.session.run(self.model.set_noise_scale, {self.model.new_noise_scale: min(1.0, step / self.steps)})


class Minutes(Callback):
    """After each epoch, the minutes of training so far."""

    def on_train_begin(self, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        print(f"epoch {epoch + 1} minutes {(time.perf_counter() - self.started) / 60:.2f}", flush=True)


def main(argv=None):
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--threads", type=int, default=0, help="TensorFlow threads; 0 for its default")
    extra.add_argument("--real-entropy", type=float, default=0.0)
    extra.add_argument("--fake-moves", action="store_true")
    extra.add_argument("--noise-scale", type=float, default=1.0)
    extra.add_argument("--noise-recovery", type=float, default=0.0)
    extra.add_argument("--noise-ramp", type=int, default=0)
    extra.add_argument("--moves", default=None, help="D,Z,S,H: the clustering's random_affine bounds")
    extra.add_argument("--out", default="infogan-variant", help="the directory of the grids, epoch-NNN.png")
    options, rest = extra.parse_known_args(argv)
    settings, _ = RunSettings.from_flags(train_parser().parse_args(["--model", "infogan", *rest]))
    settings.seed = settings.seed or 0
    print("settings:", " ".join(sys.argv[1:] if argv is None else argv), flush=True)
    dataset = dataset_for(settings)
    model = variant_model(options)(
        **{name: getattr(settings, name) for name in INFOGAN_SETTINGS}, noise_dim=settings.noise_dim,
        image_shape=tuple(dataset.images.shape[1:]), generator_width=settings.generator_width,
        discriminator_width=settings.discriminator_width, d_learning_rate=settings.d_learning_rate,
        g_learning_rate=settings.g_learning_rate, beta1=settings.beta1, beta2=settings.beta2, seed=settings.seed,
        decay_steps=settings.decay_steps(dataset.batches_per_epoch),
        augmentation=options.moves and random_affine(*map(float, options.moves.split(","))))
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = v1.ConfigProto(intra_op_parallelism_threads=options.threads, inter_op_parallelism_threads=options.threads)
    with v1.Session(graph=model.graph, config=config) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=settings.epochs,
                  callbacks=[NoiseRamp(options.noise_ramp), Minutes(), EvaluationCallback(),
                             # main.py's InfoGAN grid: a row per code, the same noise down each column
                             SampleGridCallback(options.out, **grid_inputs(
                                 settings, fixed_noise(10, settings.noise_dim, settings.seed)))])
    return 0


if __name__ == "__main__":
    sys.exit(main())
