"""GANModel: the whole GAN as one TF1-style graph that a session runs.

Building the graph follows six steps, in this order:
1. inputs: placeholders for noise and real images;
2. networks: the generator, and the discriminator applied twice with shared variables (three
   times for the gradient penalty);
3. losses: the chosen member of the loss family (`gan_tdd.losses`) for each network;
4. train ops: one Adam optimizer per network, each moving only its own network's variables;
5. sampler: the generator once more, with batch norm in inference mode, reading the moving
   average of its variables where the model keeps one;
6. summaries: the scalars and image grids that TensorBoard shows.
"""
import numbers

from gan_tdd.quiet_tensorflow import tf

from gan_tdd import training
from gan_tdd.averaging import averaged_getter, moving_average
from gan_tdd.checks import require_int, require_positive_number, require_sample_shape
from gan_tdd.losses import LOSSES, get_loss, gradient_penalty
from gan_tdd.networks import DRAWS_POINTS, NETWORKS, get_networks

v1 = tf.compat.v1


def _require_fraction(name, value):
    """Raise ValueError unless `value` is a real number in [0, 1); the message names `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value < 1:
        raise ValueError(f"{name} must be a number in [0, 1), got {value!r}")
    return float(value)


def _require_network(name, function):
    """Raise TypeError unless `function` is None or callable: a network is a function, not its output."""
    if function is not None and not callable(function):
        raise TypeError(f"{name} must be a function from tensors to tensors, got {type(function).__name__}")
    return function


def _require_output_shape(tensor, expected, argument, function):
    """Raise ValueError unless a network's output fits `expected`, whose first entry is the batch."""
    if not tensor.shape.is_compatible_with(expected):
        name = getattr(function, "__name__", repr(function))
        want = ", ".join(["batch", *map(str, expected[1:])])
        raise ValueError(f"{argument} {name} must return a tensor of shape ({want}), "
                         f"got {tuple(tensor.shape.as_list())}")


def _train_op_and_gradient_norm(optimizer, loss, variables, step, name):
    """optimizer.minimize(loss), in its two halves, so that the norm of the gradients it applies
    is a tensor of its own: computed from the very gradients of the update, no second pass."""
    # GATE_NONE: no control dependencies grouping each op's gradients (a sixth of the graph's ops
    # on the DCGAN pair, and of its building time). The gradients are the same: the variables are
    # resource variables, each read once per run, so no update can reach a gradient's inputs.
    gradients_and_variables = optimizer.compute_gradients(loss, var_list=variables,
                                                          gate_gradients=v1.train.Optimizer.GATE_NONE)
    norm = tf.linalg.global_norm([gradient for gradient, _ in gradients_and_variables if gradient is not None],
                                 name=name)
    return optimizer.apply_gradients(gradients_and_variables, global_step=step), norm


def _require_networks_for(networks, shape):
    """Raise ValueError when a built-in pair cannot draw samples of `shape`: images or points.
    (Networks of your own draw what they draw: the output shapes are checked as they are built.)"""
    if not isinstance(networks, str):
        return
    points = len(shape) == 1
    if points and networks not in DRAWS_POINTS:
        raise ValueError(f"networks {networks!r} draw images; points of shape {shape} take networks="
                         f"{' or '.join(map(repr, sorted(DRAWS_POINTS)))}")
    if not points and networks in DRAWS_POINTS:
        drawing_images = ", ".join(repr(name) for name in NETWORKS if name not in DRAWS_POINTS)
        raise ValueError(f"networks {networks!r} draw points of shape (dimensions,); images of shape "
                         f"{shape} take networks {drawing_images}")


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
    """A GAN in its own `tf.Graph`: generator, shared discriminator, losses and train ops.

    Open a session on the model's graph and train it:

        model = GANModel()
        with tf.compat.v1.Session(graph=model.graph) as session:
            model.initialize(session)
            model.fit(session, dataset, epochs=1)
            images = model.generate(session, noise)

    Another loss or other networks are one argument each: `GANModel(loss="hinge",
    networks="mlp")`; your own networks are functions (see `gan_tdd.networks`):
    `GANModel(generator_fn=my_generator, discriminator_fn=my_discriminator)`, or a module of
    them, `GANModel(networks=my_networks)`, which the models that read a second head from D's
    body (ACGAN, InfoGAN) take too.

    Named tensors, for readers and callbacks: `noise`, `real_images`, `generated_images`,
    `sampled_images`, `d_real_logits`, `d_fake_logits` (and `d_real_outputs`, `d_fake_outputs`:
    every head of `discriminate`), `d_loss`, `d_real_loss`, `d_fake_loss`,
    `g_loss`, `p_real`, `p_fake`, `d_real_mean`, `d_fake_mean`, `gradient_penalty` (for
    wasserstein-gp only), `d_train_op`, `g_train_op`, `d_gradient_norm`, `g_gradient_norm` (the global norm of the
    gradients each update applies), `d_step`, `g_step`, `epoch`,
    `generator_variables`, `discriminator_variables`, `scalar_summary`, `image_summary`,
    `learning_rate_factor`; with `average_decay`, `generator_average` (its `average(variable)`
    is a variable's average); and `scalars`, the dict of the scalar tensors worth watching for this loss, by name.
    """

    def __init__(self, noise_dim=100, image_shape=(28, 28, 1), *, networks="dcgan",
                 generator_width=64, discriminator_width=64, generator_fn=None,
                 discriminator_fn=None, loss="non-saturating", label_smoothing=0.0, clip_value=0.01,
                 gradient_penalty_weight=10.0, d_learning_rate=2e-4, g_learning_rate=2e-4,
                 beta1=0.5, beta2=0.999, seed=None, average_decay=None, decay_steps=None):
        """Check the arguments, then build the graph.

        Args:
            noise_dim: the length of one noise vector.
            image_shape: (height, width, channels); height and width must be divisible by 4,
                because the DCGAN generator upsamples twice by 2. Or (dimensions,) for points
                (`gan_tdd.data.points`), with networks="points".
            networks: the built-in pair of networks, "dcgan" or "mlp" for images, "points" for
                points; or a module of your own that defines the same functions as those
                (`gan_tdd.networks`).
            generator_width: the width of the built-in generator (DCGAN: channels of its last
                hidden feature map; MLP: a quarter of its first hidden layer).
            discriminator_width: the width of the built-in discriminator (DCGAN: filters of its
                first convolution; MLP: an eighth of its first hidden layer).
            generator_fn: your own generator, (noise, image_shape, training) -> images of shape
                (batch, *image_shape) in [-1, 1]; None for the `networks` one.
            discriminator_fn: your own discriminator, images -> logits of shape (batch, 1);
                None for the `networks` one.
            loss: the name of a loss in `gan_tdd.losses.LOSSES`.
            label_smoothing: one-sided label smoothing, for the cross-entropy losses only:
                0.1 labels real images 0.9 in the discriminator's loss (Salimans et al. 2016).
            clip_value: for "wasserstein": each discriminator weight is clipped to
                [-clip_value, clip_value] after each discriminator update.
            gradient_penalty_weight: for "wasserstein-gp": lambda, the penalty's weight.
            d_learning_rate: Adam's learning rate for the discriminator.
            g_learning_rate: Adam's learning rate for the generator.
            beta1: Adam's first-moment decay for both (0.5 steadies GAN training, DCGAN paper;
                WGAN-GP uses 0).
            beta2: Adam's second-moment decay for both (WGAN-GP uses 0.9).
            seed: the graph-level seed, so the initial weights are reproducible; None for random.
            average_decay: sample from an exponential moving average of the generator's
                variables with this decay (see `gan_tdd.averaging`), updated after each
                generator update; None samples from the variables themselves.
            decay_steps: lower both learning rates linearly to 0 over this many generator
                updates (they stay 0 after); None keeps them constant.
        """
        self.noise_dim = require_int("noise_dim", noise_dim, 1)
        self.image_shape = require_sample_shape("image_shape", image_shape)
        self.generator_width = require_int("generator_width", generator_width, 1)
        self.discriminator_width = require_int("discriminator_width", discriminator_width, 1)
        built_in_generator, built_in_discriminator = get_networks(
            networks, self.generator_width, self.discriminator_width)
        self.networks = networks
        if generator_fn is None or discriminator_fn is None:
            _require_networks_for(networks, self.image_shape)
        self.generator_fn = _require_network("generator_fn", generator_fn) or built_in_generator
        self.discriminator_fn = (_require_network("discriminator_fn", discriminator_fn)
                                 or built_in_discriminator)
        self.loss = get_loss(loss)
        self.label_smoothing = _require_fraction("label_smoothing", label_smoothing)
        if self.label_smoothing and "label_smoothing" not in self.loss.options:
            smoothed = ", ".join(name for name, each in LOSSES.items() if "label_smoothing" in each.options)
            raise ValueError(f"label_smoothing applies to the cross-entropy losses ({smoothed}), "
                             f"not to {loss!r}")
        self.clip_value = require_positive_number("clip_value", clip_value)
        self.gradient_penalty_weight = require_positive_number("gradient_penalty_weight",
                                                               gradient_penalty_weight)
        self.d_learning_rate = require_positive_number("d_learning_rate", d_learning_rate)
        self.g_learning_rate = require_positive_number("g_learning_rate", g_learning_rate)
        self.beta1 = _require_fraction("beta1", beta1)
        self.beta2 = _require_fraction("beta2", beta2)
        self.seed = None if seed is None else require_int("seed", seed, 0)
        self.average_decay = None if average_decay is None else _require_fraction("average_decay", average_decay)
        self.decay_steps = None if decay_steps is None else require_int("decay_steps", decay_steps, 1)
        self.stop_training = False
        self.graph = tf.Graph()
        with self.graph.as_default():
            if self.seed is not None:
                v1.set_random_seed(self.seed)
            self._build_inputs()
            self._build_networks()
            self._build_losses()
            self._build_train_ops()
            self._build_sampler()
            self.init_op = v1.global_variables_initializer()
        self._summaries = None  # built when first asked for: see build_summaries

    def _build_inputs(self):
        self.noise = v1.placeholder(tf.float32, [None, self.noise_dim], name="noise")
        self.real_images = v1.placeholder(tf.float32, [None, *self.image_shape], name="real_images")

    # The two hooks a model of gan_tdd.models overrides to say what is its own: what G reads, and
    # what D gives back. _build_networks calls them; a plain GAN reads noise and gives logits.

    def generator_inputs(self):
        """What the generator reads: the noise (a labelled model adds the label, InfoGAN its code)."""
        return self.noise

    def discriminate(self, images):
        """The discriminator on `images`: a dict with "logits" of shape (batch, 1), and any more
        heads a model reads from the same body (ACGAN's "class_logits", InfoGAN's Q). Called in
        the discriminator's variable scope: first to make its variables, then to reuse them."""
        return {"logits": self.discriminator_fn(images)}

    def _build_networks(self):
        images, logits = [None, *self.image_shape], [None, 1]
        with v1.variable_scope("generator"):
            self.generated_images = self.generator_fn(self.generator_inputs(), self.image_shape, training=True)
        _require_output_shape(self.generated_images, images, "generator_fn", self.generator_fn)
        with v1.variable_scope("discriminator"):
            self.d_real_outputs = self.discriminate(self.real_images)
        _require_output_shape(self.d_real_outputs["logits"], logits, "discriminator_fn", self.discriminator_fn)
        # The one place where variables are shared: the fake path reuses the real path's weights,
        # so a single discriminator judges both real and generated images; so does the gradient
        # penalty, which looks at that same discriminator between real and generated images.
        with v1.variable_scope("discriminator", reuse=True):
            self.d_fake_outputs = self.discriminate(self.generated_images)
            if self.loss.penalizes_gradient:
                self.gradient_penalty = gradient_penalty(lambda images: self.discriminate(images)["logits"],
                                                         self.real_images, self.generated_images)
        self.d_real_logits, self.d_fake_logits = self.d_real_outputs["logits"], self.d_fake_outputs["logits"]
        self.generator_variables = v1.trainable_variables("generator")
        self.discriminator_variables = v1.trainable_variables("discriminator")

    def _build_losses(self):
        with v1.name_scope("losses"):
            options = {name: getattr(self, name) for name in self.loss.options}
            parts = self.loss.discriminator_loss(self.d_real_logits, self.d_fake_logits, **options)
            parts = {name: tf.identity(part, name=name) for name, part in parts.items()}
            self.d_loss, self.d_real_loss, self.d_fake_loss = (
                parts.pop("d_loss"), parts.pop("d_real_loss"), parts.pop("d_fake_loss"))
            self.g_loss = tf.identity(self.loss.generator_loss(self.d_fake_logits), name="g_loss")
            # What D believes of each batch: a probability when the loss reads sigmoid(logit)
            # as one, and otherwise a raw score, whose scale only the loss defines.
            self.p_real = tf.reduce_mean(tf.sigmoid(self.d_real_logits), name="p_real")
            self.p_fake = tf.reduce_mean(tf.sigmoid(self.d_fake_logits), name="p_fake")
            self.d_real_mean = tf.reduce_mean(self.d_real_logits, name="d_real_mean")
            self.d_fake_mean = tf.reduce_mean(self.d_fake_logits, name="d_fake_mean")
        if self.loss.outputs_are_probabilities:
            self.scalars = {"d_loss": self.d_loss, "d_real_loss": self.d_real_loss,
                            "d_fake_loss": self.d_fake_loss, "g_loss": self.g_loss,
                            "p_real": self.p_real, "p_fake": self.p_fake}
        else:
            # The loss's own parts follow, e.g. critic_gap and gradient_penalty.
            self.scalars = {"d_loss": self.d_loss, "g_loss": self.g_loss,
                            "d_real_mean": self.d_real_mean, "d_fake_mean": self.d_fake_mean, **parts}

    @property
    def discriminator_scalars(self):
        """The scalars of `scalars` that each discriminator update computes: all but the
        generator's (named g_...). fit hands a callback that fetches one the value of the step's
        last discriminator update."""
        return {name: tensor for name, tensor in self.scalars.items() if not name.startswith("g_")}

    def _build_train_ops(self):
        self.d_step = v1.Variable(0, trainable=False, name="d_step", dtype=tf.int64)
        self.g_step = v1.Variable(0, trainable=False, name="g_step", dtype=tf.int64)
        self.epoch = v1.Variable(0, trainable=False, name="epoch", dtype=tf.int64)
        self.increment_epoch = v1.assign_add(self.epoch, 1)
        # The fraction of the learning rates in use: 1, or falling linearly to 0 with g_step.
        self.learning_rate_factor = tf.constant(1.0) if self.decay_steps is None else \
            v1.train.polynomial_decay(1.0, self.g_step, self.decay_steps, end_learning_rate=0.0)
        with v1.variable_scope("discriminator_optimizer"):
            self.d_train_op, self.d_gradient_norm = _train_op_and_gradient_norm(
                v1.train.AdamOptimizer(self.d_learning_rate * self.learning_rate_factor, beta1=self.beta1,
                                       beta2=self.beta2),
                self.d_loss, self.discriminator_variables, self.d_step, "d_gradient_norm")
        if self.loss.clips_weights:
            # The original WGAN bounds the critic's slope by clipping every weight after each update.
            with tf.control_dependencies([self.d_train_op]):
                self.d_train_op = tf.group(
                    *[v1.assign(variable, tf.clip_by_value(variable, -self.clip_value, self.clip_value))
                      for variable in self.discriminator_variables], name="clip_discriminator_weights")
        # Batch norm's moving statistics move with each generator update, and only then.
        with tf.control_dependencies(v1.get_collection(v1.GraphKeys.UPDATE_OPS, "generator")):
            with v1.variable_scope("generator_optimizer"):
                self.g_train_op, self.g_gradient_norm = _train_op_and_gradient_norm(
                    v1.train.AdamOptimizer(self.g_learning_rate * self.learning_rate_factor, beta1=self.beta1,
                                           beta2=self.beta2),
                    self.g_loss, self.generator_variables, self.g_step, "g_gradient_norm")
        # A classic diagnostic: a network whose gradients vanish has stopped learning; one whose
        # gradients explode is about to diverge. Each update computes them anyway.
        self.scalars = {**self.scalars, "d_gradient_norm": self.d_gradient_norm,
                        "g_gradient_norm": self.g_gradient_norm}

    def _build_sampler(self):
        getter = None
        if self.average_decay is not None:
            # Batch norm's moving statistics are averaged too, so that they go with the weights.
            self.generator_average, self.g_train_op = moving_average(
                v1.global_variables("generator/"), self.average_decay, after=self.g_train_op,
                name="average")
            getter = averaged_getter(self.generator_average)
        # The same generator variables (or their averages), with batch norm in inference mode.
        with v1.variable_scope("generator", reuse=True, custom_getter=getter):
            self.sampled_images = self.generator_fn(self.generator_inputs(), self.image_shape, training=False)

    @property
    def scalar_summary(self):
        """The `scalars` as one serialized TensorBoard summary, tagged summaries/NAME (built by
        `build_summaries` when first asked for)."""
        return self.build_summaries()[0]

    @property
    def image_summary(self):
        """Grids of 64 generated and 64 real images as one serialized summary; None for points,
        which have no picture here (gan_tdd.plane draws them, with D's surface). Built with
        `scalar_summary`."""
        return self.build_summaries()[1]

    def build_summaries(self):
        """Build the TensorBoard summary ops in the model's graph, unless they are built already,
        and return (scalar_summary, image_summary).

        `SummaryCallback` calls it as it starts, before it writes the graph: a model that never
        writes TensorBoard events never carries their ops (a sixth of a small model's building
        time). Call it yourself before finalizing a graph whose summaries you will read."""
        if self._summaries is None:
            with self.graph.as_default(), v1.name_scope("summaries"):
                scalar_summary = v1.summary.merge([
                    v1.summary.scalar(name, tensor) for name, tensor in self.scalars.items()])
                image_summary = None if len(self.image_shape) == 1 else v1.summary.merge([
                    v1.summary.image("generated_images", _image_grid(self.generated_images, 8)),
                    v1.summary.image("real_images", _image_grid(self.real_images, 8))])
            self._summaries = scalar_summary, image_summary
        return self._summaries

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

    # What fit feeds from each real batch besides the images: nothing for a GAN; the labelled
    # models of gan_tdd.models feed the batch's labels. A tuple of placeholders.
    batch_inputs = ()

    def batch_values(self, dataset):
        """The values of `batch_inputs` for the dataset's last batch; fit calls this each update."""
        return ()

    def prepare_to_fit(self, session, dataset):
        """Called by fit before its first step: a model that learns something of the dataset
        itself, beyond its batches, does so here (a GAN learns nothing more)."""

    def check_dataset(self, dataset):
        """Raise ValueError if `dataset` cannot feed this model; fit calls this before any step.
        (Image shape and noise_dim are checked by fit itself; a GAN needs nothing more.)"""

    def fit(self, session, dataset, epochs=1, k_steps=1, callbacks=None, pretrain_d_steps=0):
        """Train for `epochs` more epochs: k discriminator updates, then one generator update.

        See `gan_tdd.training.fit`, which this calls, for the loop itself.

        Returns:
            A dict of lists of plain floats, one entry per step: {"d_loss": [...], "g_loss": [...]}.
        """
        return training.fit(self, session, dataset, epochs=epochs, k_steps=k_steps, callbacks=callbacks,
                            pretrain_d_steps=pretrain_d_steps)
