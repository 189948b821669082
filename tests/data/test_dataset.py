"""GANDataset: shuffled batches of real images in [-1, 1], and noise to go with them."""
import numpy as np
import pytest

from gan_tdd import GANDataset


def test_an_epoch_has_as_many_batches_as_fit_whole_in_the_images(tiny_images):
    """Twelve images in batches of 5 give two batches an epoch; the incomplete third is dropped."""
    dataset = GANDataset(tiny_images, noise_dim=4, batch_size=5)

    dataset.reset()

    assert dataset.batches_per_epoch == 2
    assert dataset.remaining_batches == 2


def test_next_batch_counts_down_the_remaining_batches_until_reset(tiny_dataset):
    """Each batch taken leaves one fewer; reset starts a full epoch again."""
    tiny_dataset.reset()
    tiny_dataset.next_batch()
    tiny_dataset.next_batch()
    after_two = tiny_dataset.remaining_batches

    tiny_dataset.reset()

    assert after_two == 4
    assert tiny_dataset.remaining_batches == 6


def test_an_epoch_visits_every_image_once_in_a_new_order_each_time(tiny_images):
    """Two epochs both cover all twelve images, in two different orders."""
    dataset = GANDataset(tiny_images, noise_dim=4, batch_size=3, seed=0)

    epochs = []
    for _ in range(2):
        dataset.reset()
        epochs.append(np.concatenate([dataset.next_batch() for _ in range(dataset.batches_per_epoch)]))

    for epoch in epochs:
        assert sorted(map(bytes, epoch)) == sorted(map(bytes, tiny_images))
    assert not np.array_equal(epochs[0], epochs[1])


def test_asking_for_a_batch_after_the_epoch_ended_says_to_reset(tiny_dataset):
    """An exhausted epoch raises IndexError that tells what to call."""
    tiny_dataset.reset()
    for _ in range(tiny_dataset.batches_per_epoch):
        tiny_dataset.next_batch()

    with pytest.raises(IndexError, match="reset"):
        tiny_dataset.next_batch()


def test_next_noise_is_a_fresh_standard_normal_batch(tiny_dataset):
    """Noise has shape (batch_size, noise_dim), float32, and differs from call to call."""
    first = tiny_dataset.next_noise()
    second = tiny_dataset.next_noise()

    assert first.shape == (2, 4) and first.dtype == np.float32
    assert not np.array_equal(first, second)


def test_the_dataset_remembers_the_last_batch_and_noise_for_callbacks(tiny_dataset):
    """last_batch and last_noise are what next_batch and next_noise returned last."""
    tiny_dataset.reset()
    batch = tiny_dataset.next_batch()
    noise = tiny_dataset.next_noise()

    assert tiny_dataset.last_batch is batch
    assert tiny_dataset.last_noise is noise


def test_the_same_seed_gives_the_same_batches_and_noise(tiny_images):
    """Two data sets with seed 7 shuffle and draw noise identically."""
    first, second = (GANDataset(tiny_images, noise_dim=4, batch_size=3, seed=7) for _ in range(2))

    first.reset()
    second.reset()

    np.testing.assert_array_equal(first.next_batch(), second.next_batch())
    np.testing.assert_array_equal(first.next_noise(), second.next_noise())


def test_a_reseeded_dataset_draws_batches_and_noise_of_a_new_stream(tiny_images):
    """Reseeded with [7, 6], a data set draws other noise than with 7, and the same as a twin reseeded alike."""
    plain, reseeded, twin = (GANDataset(tiny_images, noise_dim=4, batch_size=3, seed=7) for _ in range(3))

    reseeded.reseed([7, 6])
    twin.reseed([7, 6])

    noise = reseeded.next_noise()
    assert not np.array_equal(noise, plain.next_noise())
    np.testing.assert_array_equal(noise, twin.next_noise())


def test_uint8_images_are_served_as_float_batches_scaled_from_0_255_to_minus_one_one():
    """Byte pixels 0, 255 and 51 come out of next_batch as -1, 1 and -0.6, in float32."""
    images = np.array([0, 255, 51, 0], np.uint8).reshape(4, 1, 1, 1)
    dataset = GANDataset(images, noise_dim=1, batch_size=4)
    dataset.reset()

    batch = dataset.next_batch()

    assert batch.dtype == np.float32
    assert sorted(batch.ravel()) == pytest.approx([-1.0, -1.0, -0.6, 1.0])


def test_uint8_images_are_kept_as_bytes_until_a_batch_is_served():
    """The data set holds uint8 images as they came: four times less memory than float32."""
    images = np.zeros((4, 2, 2, 1), np.uint8)

    dataset = GANDataset(images, noise_dim=1, batch_size=1)

    assert dataset.images.dtype == np.uint8


@pytest.mark.parametrize("images, message", [
    pytest.param(np.zeros((4, 8, 8)), "add the channel axis of grey images with images[..., None]",
                 id="grey_images_without_a_channel_axis"),
    pytest.param(np.zeros((0, 8, 8, 1)), "at least one image", id="no_image_at_all"),
    pytest.param(np.full((4, 8, 8, 1), 200.0), "look like [0, 255]", id="float_0_255"),
    pytest.param(np.full((4, 8, 8, 1), -3.0), "must be in [-1, 1]", id="below_minus_one"),
    pytest.param(np.array([["a"]] * 4).reshape(4, 1, 1, 1), "numeric", id="strings"),
    pytest.param(np.full((4, 8, 8, 1), np.nan), "finite", id="nan"),
])
def test_bad_images_raise_an_error_that_names_the_argument(images, message):
    """Images of the wrong rank, size, type or range are refused with a message about `images`."""
    with pytest.raises(ValueError) as error:
        GANDataset(images, noise_dim=4, batch_size=1)

    assert "images" in str(error.value) and message in str(error.value)


def test_images_in_0_1_are_accepted_with_a_warning_about_their_scale():
    """[0, 1] pixels are valid but probably mis-scaled: a warning says how to fix them."""
    images = np.linspace(0, 1, 16, dtype=np.float32).reshape(4, 2, 2, 1)

    with pytest.warns(UserWarning, match=r"images \* 2 - 1"):
        GANDataset(images, noise_dim=4, batch_size=1)


def test_a_batch_larger_than_the_data_set_is_refused(tiny_images):
    """batch_size 13 for twelve images names batch_size and the number of images."""
    with pytest.raises(ValueError, match=r"batch_size must be at most the number of images \(12\)"):
        GANDataset(tiny_images, noise_dim=4, batch_size=13)


@pytest.mark.parametrize("arguments, message", [
    pytest.param({"noise_dim": 0}, "noise_dim must be an integer >= 1, got 0", id="noise_dim_below_one"),
    pytest.param({"batch_size": 0}, "batch_size must be an integer >= 1, got 0", id="zero_batch_size"),
    pytest.param({"batch_size": 2.0}, "batch_size must be an integer >= 1, got 2.0", id="float_batch_size"),
])
def test_bad_sizes_raise_an_error_that_names_the_argument(tiny_images, arguments, message):
    """A noise size or batch size that is not a positive integer is refused by name."""
    with pytest.raises(ValueError) as error:
        GANDataset(tiny_images, **{"noise_dim": 4, "batch_size": 2, **arguments})

    assert message in str(error.value)


def test_an_epochs_order_and_noise_depend_on_the_seed_and_the_epoch_alone():
    """reset(epoch) on two datasets of seed 3 gives the same batches and noise, whatever came
    before; another epoch gives another order."""
    images = np.arange(12, dtype=np.float32).reshape(12, 1, 1, 1) / 12
    first, second = (GANDataset(images, noise_dim=2, batch_size=3, seed=3) for _ in range(2))
    first.reset(0)
    first.next_batch()  # whatever the first dataset did before

    first.reset(5)
    second.reset(5)

    np.testing.assert_array_equal(first.next_batch(), second.next_batch())
    np.testing.assert_array_equal(first.next_noise(), second.next_noise())
    second.reset(6)
    assert not np.array_equal(second.next_batch(), first.next_batch())


def test_skip_steps_passes_k_batches_and_k_plus_1_noise_batches_a_step():
    """Two steps at k 2 skipped: the 5th batch and the 7th noise batch of the epoch come next."""
    images = np.arange(24, dtype=np.float32).reshape(24, 1, 1, 1) / 24
    skipping, serving = (GANDataset(images, noise_dim=2, batch_size=2, seed=0) for _ in range(2))
    skipping.reset(1)
    serving.reset(1)
    for _ in range(4):
        serving.next_batch()
    for _ in range(6):
        serving.next_noise()

    skipping.skip_steps(2, k_steps=2)

    assert skipping.remaining_batches == serving.remaining_batches == 8
    np.testing.assert_array_equal(skipping.next_batch(), serving.next_batch())
    np.testing.assert_array_equal(skipping.next_noise(), serving.next_noise())


def test_points_are_served_as_floats_wherever_they_lie():
    """(count, dimensions) floats: points of the plane, not images; no [-1, 1] to keep to."""
    points = np.array([[-4.0, 4.0], [2.0, 0.0], [0.5, -3.0], [1.0, 1.0]], np.float32)
    dataset = GANDataset(points, noise_dim=2, batch_size=2, seed=0)

    dataset.reset()
    batch = dataset.next_batch()

    assert dataset.image_shape == (2,) and batch.shape == (2, 2)
    assert {tuple(point) for point in batch} <= {tuple(point) for point in points}


def test_in_gan_range_scales_bytes_and_leaves_floats_as_they_are():
    """uint8 0, 255 become -1, 1; float images (or points) are passed on untouched."""
    from gan_tdd.data import in_gan_range

    points = np.array([[3.5, -4.0]], np.float32)

    assert in_gan_range(np.array([0, 255], np.uint8)).tolist() == [-1.0, 1.0]
    assert in_gan_range(points) is points
