"""How digit-pure are the clusters the self-conditioned GAN finds? Prints a row per count.

    python benchmarks/clusters.py --clusters 10,50,100 [--seed 0]

Clusters MNIST's 60,000 training images as `main.py --model self-conditioned` does
(`gan_tdd.clustering.cluster_images`: pixels, 50 principal components, k-means++), then reads
the labels, which training never does, to say how pure the clusters are: the share of images
whose cluster's most common digit is their own (purity), and the sizes of the smallest and the
largest cluster. Seconds are those of the clustering alone.
"""
import argparse
import sys
import time

import numpy as np

from gan_tdd.clustering import cluster_images
from gan_tdd.data import load_mnist


def purity(clusters, labels):
    """The share of images whose cluster's most common label is their own."""
    return sum(np.bincount(labels[clusters == cluster]).max() for cluster in np.unique(clusters)) / len(labels)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", default="10,50,100", help="comma-separated cluster counts")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    images, labels = load_mnist("train")
    print("clusters  seconds  purity  smallest  largest", flush=True)
    for count in (int(text) for text in args.clusters.split(",")):
        started = time.perf_counter()
        clusters = cluster_images(images, count, seed=args.seed)
        seconds = time.perf_counter() - started
        sizes = np.bincount(clusters, minlength=count)
        print(f"{count:8d}  {seconds:7.1f}  {purity(clusters, labels):6.3f}  {sizes.min():8d}  {sizes.max():7d}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
