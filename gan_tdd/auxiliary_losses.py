"""The losses that a second head of the discriminator adds to the GAN losses of `gan_tdd.losses`.

    acgan_*_class_loss               Odena et al. 2017   https://arxiv.org/abs/1610.09585
    mutual_information_penalty       Chen et al. 2016    https://arxiv.org/abs/1606.03657
    self_augmented_clustering_loss   Hu et al. 2017      https://arxiv.org/abs/1702.08720

The first two are cross-entropies of what a head predicts against what the generator was given
(a class, or InfoGAN's code), added with a weight to the adversarial losses. The third needs no
generator: it asks a categorical head to cluster real images by itself (InfoGAN's Q, on MNIST).
A conditional GAN (Mirza & Osindero 2014) needs none of them: its discriminator reads the label
with the image, and the GAN losses apply unchanged.
"""
from gan_tdd.quiet_tensorflow import tf


def class_cross_entropy(class_logits, labels):
    """Mean softmax cross-entropy of class logits against class indices.

    class_cross_entropy = -mean_i log softmax(class_logits_i)[labels_i]

    Args:
        class_logits: a head's logits, shape (batch, classes).
        labels: the true class of each example, integers of shape (batch,).

    Returns:
        A scalar tensor, >= 0.
    """
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=class_logits))


def acgan_discriminator_class_loss(real_class_logits, fake_class_logits, labels):
    """ACGAN's class loss for the discriminator: name the class of real AND generated images.

    d_class_loss = CE(C(x), y) + CE(C(G(z, y)), y), with C the discriminator's class head and
    CE the mean softmax cross-entropy. This is L_C of the paper (section 3), which D maximizes
    as a log-likelihood over both sources, and TF-GAN's `acgan_discriminator_loss`.

    Args:
        real_class_logits: the class head's logits on real images, shape (batch, classes).
        fake_class_logits: its logits on generated images, shape (batch, classes).
        labels: the class of each real image, which is also the class each generated image was
            asked for, integers of shape (batch,).

    Returns:
        A scalar tensor, >= 0.
    """
    return class_cross_entropy(real_class_logits, labels) + class_cross_entropy(fake_class_logits, labels)


def acgan_generator_class_loss(fake_class_logits, labels):
    """ACGAN's class loss for the generator: draw images that the class head names as asked.

    g_class_loss = CE(C(G(z, y)), y): G maximizes L_C too (paper, section 3), but only the
    generated images depend on it.

    Args:
        fake_class_logits: the class head's logits on generated images, shape (batch, classes).
        labels: the class each generated image was asked for, integers of shape (batch,).

    Returns:
        A scalar tensor, >= 0.
    """
    return class_cross_entropy(fake_class_logits, labels)


def mutual_information_penalty(categorical_logits, categorical_code, continuous_means, continuous_code,
                               categorical_weight=1.0, continuous_weight=1.0):
    """InfoGAN's penalty: how badly the head Q recovers the code a generated image was drawn from.

    penalty = categorical_weight * CE(Q_cat(G(z, c)), c_cat)
              + continuous_weight * mean over the batch of sum over the codes 1/2 (Q_cont(G(z, c)) - c_cont)^2

    Each term is a negative log-likelihood of the code G was given, under Q's prediction: the
    categorical code's under Q's softmax, exactly; the continuous codes' under a Gaussian of
    variance 1 around Q's means, less its constant (count of codes)/2 * log(2 pi). So minus the
    penalty, with weights 1, is the paper's lower bound L_I(G, Q) on the mutual information
    I(c; G(z, c)) (section 5) less the code's entropy and that constant, neither of which
    depends on G or Q. The paper weighs the continuous term less than the categorical one.
    TF-GAN's `mutual_information_penalty` averages each log-probability over all its elements,
    the codes too: with two continuous codes its continuous term is half of this one.

    Args:
        categorical_logits: Q's logits for the categorical code, shape (batch, categories).
        categorical_code: the categorical code G was given, integers of shape (batch,).
        continuous_means: Q's predictions of the continuous codes, shape (batch, codes).
        continuous_code: the continuous codes G was given, shape (batch, codes).
        categorical_weight: the categorical term's weight (1 in the paper).
        continuous_weight: the continuous term's weight.

    Returns:
        A scalar tensor, >= 0.
    """
    continuous = 0.5 * tf.reduce_mean(tf.reduce_sum(tf.square(continuous_means - continuous_code), axis=1))
    return (categorical_weight * class_cross_entropy(categorical_logits, categorical_code)
            + continuous_weight * continuous)


def self_augmented_clustering_loss(logits, moved_logits):
    """How far a categorical head is from clustering images by itself: naming each image's
    category surely, every category equally often, and the same category after a small move.

    loss = mean_x KL(p(x) || p(moved x)) + mean_x H(p(x)) - H(mean_x p(x))

    with p the head's softmax and H the entropy. The last two terms are minus the mutual
    information between an image and its category over the batch (regularized information
    maximization: Krause et al. 2010; CatGAN, Springenberg 2016); the first asks a moved image
    (sheared, turned, zoomed or shifted a little: `gan_tdd.augmentation`) to keep its image's categories,
    which are the target, held fixed: IMSAT's self-augmented training (Hu et al. 2017,
    https://arxiv.org/abs/1702.08720). Its lowest value, -log(categories), is reached by a head
    that is sure of each image, uses every category equally, and does not change its mind.

    InfoGAN's Q trained on it over real images clusters them as it reads codes from generated
    ones; the generator, whose codes Q must read back, then draws Q's clusters (on MNIST, the
    digits: docs/unsupervised.md).

    Args:
        logits: the head's logits on a batch of images, shape (batch, categories).
        moved_logits: its logits on the same images, each moved, same shape.

    Returns:
        A scalar tensor, >= -log(categories).
    """
    probabilities = tf.nn.softmax(logits)
    log_probabilities = tf.nn.log_softmax(logits)
    target, log_target = tf.stop_gradient(probabilities), tf.stop_gradient(log_probabilities)
    moved = tf.reduce_mean(tf.reduce_sum(target * (log_target - tf.nn.log_softmax(moved_logits)), axis=1))
    conditional_entropy = -tf.reduce_mean(tf.reduce_sum(probabilities * log_probabilities, axis=1))
    marginal = tf.reduce_mean(probabilities, axis=0)
    marginal_entropy = -tf.reduce_sum(marginal * tf.math.log(marginal + 1e-12))
    return moved + conditional_entropy - marginal_entropy
