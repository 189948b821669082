"""ImageToImageModel: a GAN that restores damaged images, as one TF1-style graph.

Building the graph follows five steps, in this order:
1. inputs: placeholders for the damaged images and their originals;
2. networks: the generator from damaged to restored images, and the pair discriminator applied
   twice with shared variables, to (damaged, original) and to (damaged, restored);
3. losses: the discriminator's loss from the loss family; the generator's is the pixel loss
   plus a weight times the family's adversarial loss (`gan_tdd.image_to_image.losses`);
4. train ops: one Adam optimizer per network, each moving only its own network's variables;
5. restorer: the generator once more, without dropout, for `restore`.
"""
import numbers

import numpy as np

from gan_tdd.quiet_tensorflow import tf

from gan_tdd.checks import require_image_shape, require_int, require_positive_number
from gan_tdd.data import GANDataset, as_gan_images
from gan_tdd.image_to_image import losses
from gan_tdd.image_to_image.networks import encoder_decoder, pair_discriminator
from gan_tdd.losses import LOSSES, get_loss

v1 = tf.compat.v1

# pix2pix weighs L1 by 100 against a GAN loss of weight 1; with the weight on the adversarial
# term instead, that is 0.01.
DEFAULT_ADVERSARIAL_WEIGHT = 0.01


def _require_fraction(name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value < 1:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")
    return float(value)


class ImageToImageModel:
    """A pix2pix-style GAN in its own `tf.Graph`: damaged image in, restored image out.

    Train it on originals and a damage (`gan_tdd.image_to_image.damage`), then restore:

        model = ImageToImageModel(image_shape=(28, 28, 1))
        with tf.compat.v1.Session(graph=model.graph) as session:
            model.initialize(session)
            model.fit(session, GANDataset(digits, noise_dim=1, batch_size=64), remove_lower_half)
            restored = model.restore(session, remove_lower_half(test_digits))

    `adversarial_weight=0` is the baseline: the same generator trained on the pixel loss alone.
    `gradient_ratio=r` instead sets the adversarial weight on every step so that the pixel loss's
    gradient on the generator's variables is r times the weighted adversarial term's (TF-GAN's
    `combine_adversarial_loss` convention).

    Named tensors: `damaged_images`, `real_images`, `generated_images` (the generator in training
    mode, which the discriminator judges), `restored_images` (without dropout), `d_real_logits`,
    `d_fake_logits`, `d_loss`, `d_real_loss`, `d_fake_loss`, `pixel_loss`, `adversarial_loss`,
    `adversarial_weight`, `g_loss`, `d_train_op`, `g_train_op`, `d_step`, `g_step`,
    `generator_variables`, `discriminator_variables`; and `scalars`, those worth watching, by name.
    """

    def __init__(self, image_shape=(28, 28, 1), *, generator_width=32, discriminator_width=32,
                 dropout_rate=0.5, loss="non-saturating", adversarial_weight=None, gradient_ratio=None,
                 d_learning_rate=2e-4, g_learning_rate=2e-4, beta1=0.5, beta2=0.999, seed=None):
        """Check the arguments, then build the graph.

        Args:
            image_shape: (height, width, channels); height and width divisible by 4.
            generator_width: the channels of the generator's outer layers (`encoder_decoder`).
            discriminator_width: the filters of the discriminator's first convolution.
            dropout_rate: the generator's dropout while training (pix2pix's noise); 0 for none.
            loss: the name of a loss in `gan_tdd.losses.LOSSES`, save the two Wasserstein ones.
            adversarial_weight: a fixed weight of the adversarial loss, >= 0; 0 trains on the
                pixel loss alone. 0.01 when neither this nor `gradient_ratio` is given.
            gradient_ratio: instead of a fixed weight, the ratio of the pixel loss's gradient norm
                to the weighted adversarial term's, both over the generator's variables.
            d_learning_rate: Adam's learning rate for the discriminator.
            g_learning_rate: Adam's learning rate for the generator.
            beta1: Adam's first-moment decay for both (0.5 as in pix2pix and DCGAN).
            beta2: Adam's second-moment decay for both.
            seed: the graph-level seed (initial weights and dropout); None for random.
        """
        self.image_shape = require_image_shape("image_shape", image_shape)
        self.generator_width = require_int("generator_width", generator_width, 1)
        self.discriminator_width = require_int("discriminator_width", discriminator_width, 1)
        self.dropout_rate = _require_fraction("dropout_rate", dropout_rate)
        self.loss = get_loss(loss)
        if self.loss.clips_weights or self.loss.penalizes_gradient:
            usable = ", ".join(name for name, each in LOSSES.items()
                               if not (each.clips_weights or each.penalizes_gradient))
            raise ValueError(f"ImageToImageModel takes the losses {usable}; not {loss!r}")
        if adversarial_weight is not None and gradient_ratio is not None:
            raise ValueError("give adversarial_weight or gradient_ratio, not both")
        if gradient_ratio is not None:
            gradient_ratio = require_positive_number("gradient_ratio", gradient_ratio)
        elif adversarial_weight is None:
            adversarial_weight = DEFAULT_ADVERSARIAL_WEIGHT
        elif (isinstance(adversarial_weight, bool) or not isinstance(adversarial_weight, numbers.Real)
              or not adversarial_weight >= 0):
            raise ValueError(f"adversarial_weight must be a number >= 0, got {adversarial_weight!r}")
        self.fixed_adversarial_weight = adversarial_weight
        self.gradient_ratio = gradient_ratio
        self.d_learning_rate = require_positive_number("d_learning_rate", d_learning_rate)
        self.g_learning_rate = require_positive_number("g_learning_rate", g_learning_rate)
        self.beta1 = _require_fraction("beta1", beta1)
        self.beta2 = _require_fraction("beta2", beta2)
        self.seed = None if seed is None else require_int("seed", seed, 0)
        self.graph = tf.Graph()
        with self.graph.as_default():
            if self.seed is not None:
                v1.set_random_seed(self.seed)
            self._build_inputs()
            self._build_networks()
            self._build_losses()
            self._build_train_ops()
            self._build_restorer()
            self.init_op = v1.global_variables_initializer()

    def _generator(self, damaged, training):
        return encoder_decoder(damaged, training, width=self.generator_width, dropout_rate=self.dropout_rate)

    def _discriminator(self, damaged, images):
        return pair_discriminator(damaged, images, width=self.discriminator_width)

    def _build_inputs(self):
        self.damaged_images = v1.placeholder(tf.float32, [None, *self.image_shape], name="damaged_images")
        self.real_images = v1.placeholder(tf.float32, [None, *self.image_shape], name="real_images")

    def _build_networks(self):
        with v1.variable_scope("generator"):
            self.generated_images = self._generator(self.damaged_images, training=True)
        with v1.variable_scope("discriminator"):
            self.d_real_logits = self._discriminator(self.damaged_images, self.real_images)
        # The one place where variables are shared: the fake pair is judged by the very weights
        # that judge the real pair. Both pairs hold the same damaged images; only the other half differs.
        with v1.variable_scope("discriminator", reuse=True):
            self.d_fake_logits = self._discriminator(self.damaged_images, self.generated_images)
        self.generator_variables = v1.trainable_variables("generator")
        self.discriminator_variables = v1.trainable_variables("discriminator")

    def _build_losses(self):
        with v1.name_scope("losses"):
            parts = self.loss.discriminator_loss(self.d_real_logits, self.d_fake_logits)
            self.d_loss, self.d_real_loss, self.d_fake_loss = (
                tf.identity(parts[name], name=name) for name in ("d_loss", "d_real_loss", "d_fake_loss"))
            self.pixel_loss = tf.identity(losses.pixel_loss(self.generated_images, self.real_images),
                                          name="pixel_loss")
            self.adversarial_loss = tf.identity(self.loss.generator_loss(self.d_fake_logits),
                                                name="adversarial_loss")
            if self.gradient_ratio is None:
                weight = self.fixed_adversarial_weight
                self.adversarial_weight = tf.constant(float(weight), name="adversarial_weight")
            else:
                weight = self.adversarial_weight = tf.identity(losses.gradient_ratio_weight(
                    self.pixel_loss, self.adversarial_loss, self.generator_variables, self.gradient_ratio),
                    name="adversarial_weight")
            self.g_loss = tf.identity(losses.combine(self.pixel_loss, self.adversarial_loss, weight),
                                      name="g_loss")
        self.scalars = {"d_loss": self.d_loss, "g_loss": self.g_loss, "pixel_loss": self.pixel_loss,
                        "adversarial_loss": self.adversarial_loss, "adversarial_weight": self.adversarial_weight}

    def _build_train_ops(self):
        self.d_step = v1.Variable(0, trainable=False, name="d_step", dtype=tf.int64)
        self.g_step = v1.Variable(0, trainable=False, name="g_step", dtype=tf.int64)
        # GATE_NONE, as GANModel's updates: the same gradients, without the control dependencies
        # that group each op's gradients (resource variables are read once per run).
        with v1.variable_scope("discriminator_optimizer"):
            self.d_train_op = v1.train.AdamOptimizer(
                self.d_learning_rate, beta1=self.beta1, beta2=self.beta2).minimize(
                self.d_loss, var_list=self.discriminator_variables, global_step=self.d_step,
                gate_gradients=v1.train.Optimizer.GATE_NONE)
        with v1.variable_scope("generator_optimizer"):
            self.g_train_op = v1.train.AdamOptimizer(
                self.g_learning_rate, beta1=self.beta1, beta2=self.beta2).minimize(
                self.g_loss, var_list=self.generator_variables, global_step=self.g_step,
                gate_gradients=v1.train.Optimizer.GATE_NONE)

    def _build_restorer(self):
        with v1.variable_scope("generator", reuse=True):
            self.restored_images = self._generator(self.damaged_images, training=False)

    def initialize(self, session):
        """Give every variable its initial value."""
        session.run(self.init_op)

    def restore(self, session, damaged):
        """Restore damaged images, without dropout.

        Args:
            session: a session on `model.graph` whose variables are initialized or trained.
            damaged: float images (count, *image_shape) in [-1, 1].

        Returns:
            A float32 array of the shape of `damaged`, in [-1, 1].
        """
        damaged = as_gan_images(damaged, "damaged")
        if damaged.shape[1:] != self.image_shape:
            raise ValueError(f"damaged images of shape {damaged.shape[1:]} do not fit the model's "
                             f"image_shape {self.image_shape}")
        return session.run(self.restored_images, {self.damaged_images: damaged})

    def train_step(self, session, damaged, originals):
        """One discriminator update, then one generator update, on one batch of pairs.

        With adversarial weight 0 the discriminator still trains: the generator ignores it, but
        its d_loss still tells how well restorations can be told from originals.

        Returns:
            {"d_loss", "g_loss", "pixel_loss"}: plain floats, the losses each update saw.
        """
        feed = {self.damaged_images: damaged, self.real_images: originals}
        _, d_loss = session.run([self.d_train_op, self.d_loss], feed)
        _, g_loss, pixel = session.run([self.g_train_op, self.g_loss, self.pixel_loss], feed)
        return {"d_loss": float(d_loss), "g_loss": float(g_loss), "pixel_loss": float(pixel)}

    def fit(self, session, dataset, damage, epochs=1):
        """Train for `epochs` passes over `dataset`'s originals, damaging each batch with `damage`.

        Args:
            session: a session on `model.graph`, with variables initialized.
            dataset: a GANDataset of the original images (its noise goes unused).
            damage: a function from a batch of originals to a batch of damaged images of the same
                shape, e.g. `remove_lower_half` or `functools.partial(add_noise, seed=rng)`.
            epochs: how many passes.

        Returns:
            {"d_loss": [...], "g_loss": [...], "pixel_loss": [...]}: plain floats, one per step.
        """
        if not isinstance(dataset, GANDataset):
            raise TypeError(f"dataset must be a GANDataset, got {type(dataset).__name__}")
        if tuple(dataset.image_shape) != self.image_shape:
            raise ValueError(f"dataset images of shape {tuple(dataset.image_shape)} do not fit the "
                             f"model's image_shape {self.image_shape}")
        if not callable(damage):
            raise TypeError(f"damage must be a function from images to images, got {type(damage).__name__}")
        require_int("epochs", epochs, 0)
        history = {"d_loss": [], "g_loss": [], "pixel_loss": []}
        for _ in range(epochs):
            dataset.reset()
            while dataset.remaining_batches:
                originals = dataset.next_batch()
                damaged = np.asarray(damage(originals))
                if damaged.shape != originals.shape:
                    raise ValueError(f"damage must keep the images' shape {originals.shape}, "
                                     f"got {damaged.shape}")
                for name, value in self.train_step(session, damaged, originals).items():
                    history[name].append(value)
        return history
