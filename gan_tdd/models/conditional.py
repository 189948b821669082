"""ConditionalGANModel: a GAN whose two networks both read the label.

Mirza & Osindero 2014, "Conditional Generative Adversarial Nets", https://arxiv.org/abs/1411.1784
Miyato & Koyama 2018, "cGANs with Projection Discriminator", https://arxiv.org/abs/1802.05637
"""
from gan_tdd.layers import dense
from gan_tdd.models.labelled import LabelledGANModel
from gan_tdd.networks import get_discriminator_features
from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1

# How the discriminator reads the label: as extra input channels, or projected on its features.
CONDITIONINGS = ("channels", "projection")


def with_label_channels(images, one_hot_labels):
    """Append each image's one-hot label as constant channels: (batch, H, W, C) and
    (batch, classes) -> (batch, H, W, C + classes), channel C + k being 1 where the label is k."""
    height, width = images.shape[1], images.shape[2]
    maps = tf.tile(one_hot_labels[:, None, None, :], [1, height, width, 1])
    return tf.concat([images, maps], axis=3)


def label_projection(features, one_hot_labels, name="label_embedding"):
    """The projection discriminator's label term: <embed(y), phi(x)>, one value per example.

    Each label has a learned vector as long as the discriminator's features phi(x); the term is
    their inner product, added to the logit read from phi(x) alone. The vectors start at 0, so at
    first D judges images alone, and learns what each label asks of an image.

    Args:
        features: the discriminator's features, shape (batch, n).
        one_hot_labels: shape (batch, classes).
        name: the variable scope of the (classes, n) embedding.

    Returns:
        A tensor of shape (batch, 1).
    """
    with v1.variable_scope(name):
        embedding = v1.get_variable("embedding", [one_hot_labels.shape[-1], features.shape[-1]],
                                    initializer=v1.zeros_initializer())
    return tf.reduce_sum(tf.matmul(one_hot_labels, embedding) * features, axis=1, keepdims=True)


class ConditionalGANModel(LabelledGANModel):
    """A conditional GAN: G draws an image for a label, and D judges image-label pairs.

    D reads the label in one of two ways (`conditioning`). "channels": each image comes with its
    label as extra constant channels (`with_label_channels`), so a good "3" shown with the label
    5 is a fake to it. "projection" (Miyato & Koyama 2018): D's body reads the image alone, and
    the logit adds <embed(y), phi(x)> (`label_projection`) to what it reads from phi(x): cheaper
    with many labels, since the image's first convolution no longer reads one channel per label.
    Either way G learns to draw the label it is asked for; the GAN losses are unchanged, and the
    model is built by GANModel's own steps (see `gan_tdd.model`):

        model = ConditionalGANModel(noise_dim=100, num_classes=10)
        dataset = GANDataset(images, noise_dim=100, batch_size=64, labels=labels)
        model.fit(session, dataset)
        sevens = model.generate(session, noise, labels=np.full(len(noise), 7))

    Its arguments are LabelledGANModel's and GANModel's, and `conditioning`; a discriminator_fn
    of yours is given images with num_classes more channels, the label's (with "projection", D
    is the `networks` one's body, a built-in's or a module of yours, so there is no
    discriminator_fn).
    """

    def __init__(self, noise_dim=100, image_shape=(28, 28, 1), *, conditioning="channels", networks="dcgan",
                 discriminator_width=64, **options):
        if conditioning not in CONDITIONINGS:
            raise ValueError(f"conditioning must be one of {', '.join(CONDITIONINGS)}, got {conditioning!r}")
        if conditioning == "projection" and options.get("discriminator_fn") is not None:
            raise ValueError("conditioning 'projection' reads the features of the networks' own "
                             "discriminator: it takes no discriminator_fn")
        self.conditioning = conditioning
        self.discriminator_features_fn = get_discriminator_features(networks, discriminator_width)
        super().__init__(noise_dim, image_shape, networks=networks, discriminator_width=discriminator_width,
                         **options)

    def discriminate(self, images):
        """D's logits on images and their labels; with "projection", its "features" phi(x) too."""
        if self.conditioning == "channels":
            return {"logits": self.discriminator_fn(with_label_channels(images, self.one_hot_labels))}
        features = self.discriminator_features_fn(images)
        return {"logits": dense(features, 1, "logit") + label_projection(features, self.one_hot_labels),
                "features": features}
