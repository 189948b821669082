"""SelfConditionedGANModel: a conditional GAN whose labels are clusters found in the images.

Liu et al. 2020, "Diverse Image Generation via Self-Conditioned GANs",
https://arxiv.org/abs/2006.10728
"""
import numpy as np

from gan_tdd.checks import require_int
from gan_tdd.clustering import cluster_shares
from gan_tdd.models.conditional import ConditionalGANModel
from gan_tdd.quiet_tensorflow import tf

v1 = tf.compat.v1


def clusters_in_proportion(count, shares):
    """`count` cluster indices, each cluster as often as its share says, in order: shares
    (0.5, 0.25, 0.25) and count 4 give 0, 0, 1, 2. Drawn by quantile, so the same count always
    gives the same clusters."""
    edges = np.cumsum(np.asarray(shares, np.float64))
    quantiles = (np.arange(count) + 0.5) / count * edges[-1]
    return np.minimum(np.searchsorted(edges, quantiles), len(edges) - 1).astype(np.int32)


class SelfConditionedGANModel(ConditionalGANModel):
    """A GAN that learns without labels as a conditional GAN learns with them.

    Without labels, one generator must stretch a connected cloud of noise over the separate
    clusters of the data, and the noise between two clusters draws a blend of both (half a 4,
    half a 9). Here the images are first grouped into `clusters` clusters by their pixels
    (`gan_tdd.clustering.cluster_images`); the cluster of each image stands in for its label.
    G draws for a cluster, D judges (image, cluster) pairs by projection, and a blend of two
    clusters fails as either of them. The labels of the dataset are the cluster indices:

        clusters = cluster_images(images, 50, seed=0)
        dataset = GANDataset(images, noise_dim=100, batch_size=64, labels=clusters)
        model = SelfConditionedGANModel(clusters=50)
        model.fit(session, dataset)          # also learns each cluster's share of the images
        digits = model.generate(session, noise)   # clusters in proportion to their shares

    Named tensors, besides ConditionalGANModel's: `cluster_shares`, a variable (saved with the
    checkpoints) of each cluster's share of the training images, which fit sets.
    """

    def __init__(self, noise_dim=100, image_shape=(28, 28, 1), *, clusters=50, conditioning="projection",
                 **options):
        """Args:
            clusters: how many clusters the dataset's labels name.
            conditioning: how D reads the cluster: "projection" (cheap for many clusters) or
                "channels" (see ConditionalGANModel).
            The others: as for ConditionalGANModel, without num_classes: the clusters are the classes.
        """
        if "num_classes" in options:
            raise ValueError("SelfConditionedGANModel's classes are its clusters: give clusters=, not num_classes=")
        super().__init__(noise_dim, image_shape, num_classes=require_int("clusters", clusters, 2),
                         conditioning=conditioning, **options)
        self.clusters = self.num_classes

    def _build_inputs(self):
        super()._build_inputs()
        self.cluster_shares = v1.get_variable("cluster_shares", [self.num_classes], trainable=False,
                                              initializer=v1.constant_initializer(1.0 / self.num_classes))
        self._shares = v1.placeholder(tf.float32, [self.num_classes], name="new_cluster_shares")
        self._set_shares = v1.assign(self.cluster_shares, self._shares)

    def prepare_to_fit(self, session, dataset):
        """Learn each cluster's share of the dataset's images, to draw clusters as often later."""
        self.check_dataset(dataset)
        session.run(self._set_shares, {self._shares: cluster_shares(dataset.labels, self.num_classes)})

    def generate(self, session, noise, clusters=None):
        """Generate one image per noise vector, of the cluster asked for.

        Args:
            session: a session on `model.graph` whose variables are initialized or restored.
            noise: an array of shape (count, noise_dim).
            clusters: the cluster of each image, integers of shape (count,); None for every
                cluster in proportion to its share of the training images
                (`clusters_in_proportion`), as the data has them.

        Returns:
            A float32 array of shape (count, *image_shape) with values in [-1, 1].
        """
        if clusters is None:
            clusters = clusters_in_proportion(len(noise), session.run(self.cluster_shares))
        return super().generate(session, noise, labels=clusters)
