"""ACGANModel: the discriminator also names each image's class.

Odena et al. 2017, "Conditional Image Synthesis with Auxiliary Classifier GANs",
https://arxiv.org/abs/1610.09585
"""
from gan_tdd.auxiliary_losses import acgan_discriminator_class_loss, acgan_generator_class_loss
from gan_tdd.checks import require_positive_number
from gan_tdd.layers import dense
from gan_tdd.models.labelled import LabelledGANModel
from gan_tdd.networks import get_discriminator_features
from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1


class ACGANModel(LabelledGANModel):
    """An auxiliary-classifier GAN: G draws for a label; D judges real or fake AND names the class.

    D's body feeds two heads: the usual logit, and `num_classes` class logits. Both networks
    add a class cross-entropy to their GAN loss (`gan_tdd.auxiliary_losses`): D on real and
    generated images, G on generated ones, so G draws what the class head recognizes as the
    class it was asked for. D does not read the label; only G does.

    Named tensors, besides LabelledGANModel's: `d_real_class_logits`, `d_fake_class_logits`,
    `d_adversarial_loss`, `g_adversarial_loss`, `d_class_loss`, `g_class_loss`,
    `real_class_accuracy`; `d_loss` and `g_loss` are the totals.
    """

    def __init__(self, noise_dim=100, image_shape=(28, 28, 1), *, networks="dcgan",
                 discriminator_width=64, class_loss_weight=1.0, **options):
        """Args:
            class_loss_weight: the class losses' weight in d_loss and g_loss (1 in the paper).
            The others: as for LabelledGANModel and GANModel; the discriminator is the
                `networks` one (a built-in's name, or a module of your own: see
                `gan_tdd.networks`) with a class head, so there is no discriminator_fn.
        """
        if "discriminator_fn" in options:
            raise ValueError("ACGANModel builds its discriminator from networks=... (a built-in's name, or "
                             "a module of yours with discriminator_features): it takes no discriminator_fn")
        self.class_loss_weight = require_positive_number("class_loss_weight", class_loss_weight)
        self.discriminator_features_fn = get_discriminator_features(networks, discriminator_width)
        super().__init__(noise_dim, image_shape, networks=networks,
                         discriminator_width=discriminator_width, **options)

    def discriminate(self, images):
        """D's two heads on one body: "logits" (batch, 1) and "class_logits" (batch, num_classes).
        Both judge generated images with the weights they judge real ones with."""
        features = self.discriminator_features_fn(images)
        return {"logits": dense(features, 1, "logit"),
                "class_logits": dense(features, self.num_classes, "class_logits")}

    def _build_losses(self):
        self.d_real_class_logits = self.d_real_outputs["class_logits"]
        self.d_fake_class_logits = self.d_fake_outputs["class_logits"]
        super()._build_losses()  # the GAN losses, on the first head
        self.d_adversarial_loss, self.g_adversarial_loss = self.d_loss, self.g_loss
        with v1.name_scope("class_losses"):
            self.d_class_loss = tf.identity(acgan_discriminator_class_loss(
                self.d_real_class_logits, self.d_fake_class_logits, self.labels), name="d_class_loss")
            self.g_class_loss = tf.identity(acgan_generator_class_loss(
                self.d_fake_class_logits, self.labels), name="g_class_loss")
            self.d_loss = tf.add(self.d_adversarial_loss, self.class_loss_weight * self.d_class_loss,
                                 name="d_loss")
            self.g_loss = tf.add(self.g_adversarial_loss, self.class_loss_weight * self.g_class_loss,
                                 name="g_loss")
            predicted = tf.argmax(self.d_real_class_logits, axis=1, output_type=tf.int32)
            self.real_class_accuracy = tf.reduce_mean(tf.cast(tf.equal(predicted, self.labels), tf.float32),
                                                      name="real_class_accuracy")
        self.scalars = {**self.scalars, "d_loss": self.d_loss, "g_loss": self.g_loss,
                        "d_class_loss": self.d_class_loss, "g_class_loss": self.g_class_loss,
                        "real_class_accuracy": self.real_class_accuracy}
