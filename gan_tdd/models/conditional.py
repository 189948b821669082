"""ConditionalGANModel: a GAN whose two networks both read the label.

Mirza & Osindero 2014, "Conditional Generative Adversarial Nets", https://arxiv.org/abs/1411.1784
"""
from gan_tdd.models.labelled import LabelledGANModel
from gan_tdd.quiet_tensorflow import tf


def with_label_channels(images, one_hot_labels):
    """Append each image's one-hot label as constant channels: (batch, H, W, C) and
    (batch, classes) -> (batch, H, W, C + classes), channel C + k being 1 where the label is k."""
    height, width = images.shape[1], images.shape[2]
    maps = tf.tile(one_hot_labels[:, None, None, :], [1, height, width, 1])
    return tf.concat([images, maps], axis=3)


class ConditionalGANModel(LabelledGANModel):
    """A conditional GAN: G draws an image for a label, and D judges image-label pairs.

    D sees each image with its label as extra constant channels (`with_label_channels`), so a
    good "3" shown with the label 5 is a fake to it: G learns to draw the digit it is asked for.
    Nothing else changes, the GAN losses included; the model is a GANModel whose networks
    read the label, built by GANModel's own steps (see `gan_tdd.model`):

        model = ConditionalGANModel(noise_dim=100, num_classes=10)
        dataset = GANDataset(images, noise_dim=100, batch_size=64, labels=labels)
        model.fit(session, dataset)
        sevens = model.generate(session, noise, labels=np.full(len(noise), 7))

    Its arguments are LabelledGANModel's and GANModel's; a discriminator_fn of yours is given
    images with num_classes more channels, the label's.
    """

    def discriminate(self, images):
        """D's logits on images with their labels as extra channels."""
        return {"logits": self.discriminator_fn(with_label_channels(images, self.one_hot_labels))}
