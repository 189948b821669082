"""GANModel: the whole GAN as one TF1-style graph that a session runs.

Building the graph follows five steps, in this order:
1. inputs: placeholders for noise and real images;
2. networks: the generator, and the discriminator applied twice with shared variables;
3. losses: sigmoid cross-entropy for each network;
4. train ops: one Adam optimizer per network, each moving only its own network's variables;
5. summaries: the scalars and image grids that TensorBoard shows.
"""
import tensorflow as tf

from gan_tdd import training
from gan_tdd.checks import require_image_shape, require_int, require_positive_number
from gan_tdd.losses import cross_entropy_discriminator_loss, non_saturating_generator_loss
from gan_tdd.networks import discriminator, generator

v1 = tf.compat.v1


def _image_grid(images, side):
    """Tile the first side*side images of a batch into one uint8 image (shape (1, H, W, C)) for
    TensorBoard; a batch smaller than that is padded with black."""
    count = side * side
    images = images[:count]
    images = tf.pad(images, [[0, tf.maximum(count - tf.shape(images)[0], 0)], [0, 0], [0, 0], [0, 0]],
                    constant_values=-1.0)
    height, width, channels = images.shape[1:]
    grid = tf.reshape(images, [side, side, height, width, channels])
    grid = tf.transpose(grid, [0, 2, 1, 3, 4])
    grid = tf.reshape(grid, [1, side * height, side * width, channels])
    # Map [-1, 1] to [0, 255] ourselves: summary.image would rescale each grid by its own range.
    return tf.cast(tf.round((grid + 1.0) * 127.5), tf.uint8)


class GANModel:
    """A DCGAN in its own `tf.Graph`: generator, shared discriminator, losses and train ops.

    Open a session on the model's graph and train it:

        model = GANModel()
        with tf.compat.v1.Session(graph=model.graph) as session:
            model.initialize(session)
            model.fit(session, dataset, epochs=1)
            images = model.generate(session, noise)

    Named tensors, for readers and callbacks: `noise`, `real_images`, `generated_images`,
    `sampled_images`, `d_real_logits`, `d_fake_logits`, `d_loss`, `d_real_loss`, `d_fake_loss`,
    `g_loss`, `p_real`, `p_fake`, `d_train_op`, `g_train_op`, `d_step`, `g_step`, `epoch`,
    `generator_variables`, `discriminator_variables`, `scalar_summary`, `image_summary`.
    """

    def __init__(self, noise_dim=100, image_shape=(28, 28, 1), generator_width=64,
                 discriminator_width=64, d_learning_rate=2e-4, g_learning_rate=2e-4, beta1=0.5,
                 seed=None):
        """Check the arguments, then build the graph.

        Args:
            noise_dim: the length of one noise vector.
            image_shape: (height, width, channels); height and width must be divisible by 4,
                because the generator upsamples twice by 2.
            generator_width: channels of the generator's last hidden feature map.
            discriminator_width: filters of the discriminator's first convolution.
            d_learning_rate: Adam's learning rate for the discriminator.
            g_learning_rate: Adam's learning rate for the generator.
            beta1: Adam's first-moment decay for both (0.5 steadies GAN training, DCGAN paper).
            seed: the graph-level seed, so the initial weights are reproducible; None for random.
        """
        self.noise_dim = require_int("noise_dim", noise_dim, 1)
        self.image_shape = require_image_shape("image_shape", image_shape)
        self.generator_width = require_int("generator_width", generator_width, 1)
        self.discriminator_width = require_int("discriminator_width", discriminator_width, 1)
        self.d_learning_rate = require_positive_number("d_learning_rate", d_learning_rate)
        self.g_learning_rate = require_positive_number("g_learning_rate", g_learning_rate)
        if isinstance(beta1, bool) or not isinstance(beta1, (int, float)) or not 0 <= beta1 < 1:
            raise ValueError(f"beta1 must be a number in [0, 1), got {beta1!r}")
        self.beta1 = float(beta1)
        self.seed = None if seed is None else require_int("seed", seed, 0)
        self.stop_training = False
        self.graph = tf.Graph()
        with self.graph.as_default():
            if self.seed is not None:
                v1.set_random_seed(self.seed)
            self._build_inputs()
            self._build_networks()
            self._build_losses()
            self._build_train_ops()
            self._build_summaries()
            self.init_op = v1.global_variables_initializer()

    def _build_inputs(self):
        self.noise = v1.placeholder(tf.float32, [None, self.noise_dim], name="noise")
        self.real_images = v1.placeholder(tf.float32, [None, *self.image_shape], name="real_images")

    def _build_networks(self):
        with v1.variable_scope("generator"):
            self.generated_images = generator(self.noise, self.image_shape, training=True,
                                              width=self.generator_width)
        # The same generator variables, with batch norm in inference mode: for sampling.
        with v1.variable_scope("generator", reuse=True):
            self.sampled_images = generator(self.noise, self.image_shape, training=False,
                                            width=self.generator_width)
        with v1.variable_scope("discriminator"):
            self.d_real_logits = discriminator(self.real_images, self.discriminator_width)
        # The one place where variables are shared: the fake path reuses the real path's weights,
        # so a single discriminator judges both real and generated images.
        with v1.variable_scope("discriminator", reuse=True):
            self.d_fake_logits = discriminator(self.generated_images, self.discriminator_width)
        self.generator_variables = v1.trainable_variables("generator")
        self.discriminator_variables = v1.trainable_variables("discriminator")

    def _build_losses(self):
        with v1.name_scope("losses"):
            parts = cross_entropy_discriminator_loss(self.d_real_logits, self.d_fake_logits)
            self.d_loss, self.d_real_loss, self.d_fake_loss = (
                parts["d_loss"], parts["d_real_loss"], parts["d_fake_loss"])
            self.g_loss = non_saturating_generator_loss(self.d_fake_logits)
            self.p_real = tf.reduce_mean(tf.sigmoid(self.d_real_logits), name="p_real")
            self.p_fake = tf.reduce_mean(tf.sigmoid(self.d_fake_logits), name="p_fake")

    def _build_train_ops(self):
        self.d_step = v1.Variable(0, trainable=False, name="d_step", dtype=tf.int64)
        self.g_step = v1.Variable(0, trainable=False, name="g_step", dtype=tf.int64)
        self.epoch = v1.Variable(0, trainable=False, name="epoch", dtype=tf.int64)
        self.increment_epoch = v1.assign_add(self.epoch, 1)
        with v1.variable_scope("discriminator_optimizer"):
            self.d_train_op = v1.train.AdamOptimizer(self.d_learning_rate, beta1=self.beta1).minimize(
                self.d_loss, var_list=self.discriminator_variables, global_step=self.d_step)
        # Batch norm's moving statistics move with each generator update, and only then.
        with tf.control_dependencies(v1.get_collection(v1.GraphKeys.UPDATE_OPS, "generator")):
            with v1.variable_scope("generator_optimizer"):
                self.g_train_op = v1.train.AdamOptimizer(self.g_learning_rate, beta1=self.beta1).minimize(
                    self.g_loss, var_list=self.generator_variables, global_step=self.g_step)

    def _build_summaries(self):
        with v1.name_scope("summaries"):
            self.scalar_summary = v1.summary.merge([
                v1.summary.scalar(name, getattr(self, name))
                for name in ("d_loss", "d_real_loss", "d_fake_loss", "g_loss", "p_real", "p_fake")])
            self.image_summary = v1.summary.merge([
                v1.summary.image("generated_images", _image_grid(self.generated_images, 8)),
                v1.summary.image("real_images", _image_grid(self.real_images, 8))])

    def initialize(self, session):
        """Give every variable its initial value (a fresh model; a resumed one restores instead)."""
        session.run(self.init_op)

    def generate(self, session, noise):
        """Generate one image per noise vector, with batch norm in inference mode.

        Args:
            session: a session on `model.graph` whose variables are initialized or restored.
            noise: an array of shape (count, noise_dim).

        Returns:
            A float32 array of shape (count, *image_shape) with values in [-1, 1].
        """
        return session.run(self.sampled_images, {self.noise: noise})

    def fit(self, session, dataset, epochs=1, k_steps=1, callbacks=None):
        """Train for `epochs` more epochs: k discriminator updates, then one generator update.

        See `gan_tdd.training.fit`, which this calls, for the loop itself.

        Returns:
            A dict of lists of plain floats, one entry per step: {"d_loss": [...], "g_loss": [...]}.
        """
        return training.fit(self, session, dataset, epochs=epochs, k_steps=k_steps, callbacks=callbacks)
