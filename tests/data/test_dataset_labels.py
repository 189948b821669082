"""GANDataset with labels: each batch's labels come with it, in the same shuffled order."""
import numpy as np
import pytest

from gan_tdd import GANDataset


@pytest.fixture
def dataset():
    """Six 4x4 images whose every pixel is its own index, labelled index % 3, in batches of 2."""
    images = np.broadcast_to(np.arange(6, dtype=np.uint8)[:, None, None, None], (6, 4, 4, 1))
    return GANDataset(images, noise_dim=2, batch_size=2, seed=0, labels=np.arange(6) % 3)


def test_each_batch_brings_the_labels_of_its_own_images(dataset):
    """next_labeled_batch gives images and labels in the same shuffled order."""
    dataset.reset()
    for _ in range(dataset.batches_per_epoch):
        images, labels = dataset.next_labeled_batch()
        indices = np.round((images[:, 0, 0, 0] + 1) * 127.5).astype(int)
        np.testing.assert_array_equal(labels, indices % 3)


def test_next_batch_still_returns_images_alone_and_keeps_their_labels_in_last_labels(dataset):
    """The unconditional call is unchanged; last_labels holds the labels of the last batch."""
    dataset.reset()
    images = dataset.next_batch()

    assert images.shape == (2, 4, 4, 1)
    assert dataset.last_labels.shape == (2,) and dataset.last_labels.dtype == np.int32


def test_a_dataset_without_labels_says_how_to_give_them():
    """next_labeled_batch on an unlabelled dataset: a ValueError that names the argument."""
    dataset = GANDataset(np.zeros((4, 4, 4, 1), np.float32), noise_dim=2, batch_size=2)
    dataset.reset()

    with pytest.raises(ValueError, match=r"GANDataset\(\.\.\., labels=labels\)"):
        dataset.next_labeled_batch()
    assert dataset.labels is None


@pytest.mark.parametrize("labels, message", [
    pytest.param(np.arange(5), r"labels must be 6 integer class indices, shape \(6,\)", id="one_too_few"),
    pytest.param(np.zeros(6), "integer class indices", id="floats"),
    pytest.param(np.array([0, 1, 2, -1, 0, 1]), "labels must be >= 0", id="negative"),
])
def test_labels_that_do_not_fit_the_images_are_refused(labels, message):
    """One non-negative integer label per image."""
    with pytest.raises(ValueError, match=message):
        GANDataset(np.zeros((6, 4, 4, 1), np.float32), noise_dim=2, batch_size=2, labels=labels)
