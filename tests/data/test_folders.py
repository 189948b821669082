"""A folder of your pictures: PNG and JPEG files, grey or colour, cropped and resized to one size."""
import logging

import numpy as np
import pytest
from PIL import Image

from gan_tdd.data import DataError
from gan_tdd.data.folders import load_folder, load_labelled_folder


def save(path, size, colour=None, grey=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    if grey is not None:
        Image.new("L", size, grey).save(path)
    else:
        Image.new("RGB", size, colour).save(path)


def test_grey_pictures_of_one_size_in_a_folder_and_below_are_one_grey_stack(tmp_path):
    save(tmp_path / "a.png", (8, 8), grey=10)
    save(tmp_path / "deeper" / "b.PNG", (8, 8), grey=200)

    images = load_folder(tmp_path)

    assert images.dtype == np.uint8 and images.shape == (2, 8, 8, 1)
    assert sorted(images[:, 0, 0, 0]) == [10, 200]


def test_colour_pictures_keep_their_three_channels(tmp_path):
    save(tmp_path / "red.png", (8, 8), colour=(255, 0, 0))
    save(tmp_path / "grey.png", (8, 8), grey=128)  # a mixed folder becomes colour

    images = load_folder(tmp_path)

    assert images.shape == (2, 8, 8, 3)
    assert {tuple(pixel) for pixel in images[:, 0, 0]} == {(255, 0, 0), (128, 128, 128)}


def test_image_size_centre_crops_to_a_square_then_resizes(tmp_path):
    """A 40x20 picture, blue in its middle 20x20 and red at the sides: cropped to the blue square, then 8x8."""
    picture = np.zeros((20, 40, 3), np.uint8)
    picture[:, :, 0] = 255
    picture[:, 10:30] = (0, 0, 255)
    Image.fromarray(picture).save(tmp_path / "wide.jpg", quality=100)

    images = load_folder(tmp_path, image_size=8)

    assert images.shape == (1, 8, 8, 3)
    assert images[0, :, :, 2].min() > 200 and images[0, :, :, 0].max() < 60


def test_channels_converts_every_picture(tmp_path):
    save(tmp_path / "red.png", (8, 8), colour=(255, 0, 0))

    assert load_folder(tmp_path, channels=1).shape == (1, 8, 8, 1)


def test_pictures_of_different_sizes_without_an_image_size_are_refused(tmp_path):
    save(tmp_path / "a.png", (8, 8), grey=0)
    save(tmp_path / "b.png", (16, 16), grey=0)

    with pytest.raises(DataError, match="sizes 8x8, 16x16: give --image-size"):
        load_folder(tmp_path)


def test_a_file_that_cannot_be_read_is_skipped_and_named(tmp_path, caplog):
    save(tmp_path / "good.png", (8, 8), grey=0)
    (tmp_path / "broken.png").write_bytes(b"not a picture")

    with caplog.at_level(logging.WARNING, logger="gan_tdd"):
        images = load_folder(tmp_path)

    assert images.shape == (1, 8, 8, 1)
    assert any("1 of 2 files" in message and "broken.png" in message for message in caplog.messages)


def test_a_folder_without_pictures_names_the_formats_it_reads(tmp_path):
    (tmp_path / "notes.txt").write_text("no pictures here")

    with pytest.raises(DataError, match=r"holds no PNG or JPEG \(.png, .jpg, .jpeg\) picture"):
        load_folder(tmp_path)


def test_a_folder_of_class_folders_gives_each_picture_the_label_of_its_folder(tmp_path):
    """DIR/CLASS/*.png: the classes in the order of their names, numbered from 0."""
    save(tmp_path / "dogs" / "a.png", (8, 8), grey=200)
    save(tmp_path / "cats" / "b.png", (8, 8), grey=10)
    save(tmp_path / "cats" / "deeper" / "c.png", (8, 8), grey=20)

    images, labels, classes = load_labelled_folder(tmp_path)

    assert classes == ["cats", "dogs"]
    assert images.shape == (3, 8, 8, 1)
    assert sorted(zip(images[:, 0, 0, 0].tolist(), labels.tolist())) == [(10, 0), (20, 0), (200, 1)]


def test_a_skipped_file_takes_no_label_with_it(tmp_path, caplog):
    save(tmp_path / "a" / "good.png", (8, 8), grey=10)
    (tmp_path / "a" / "broken.png").write_bytes(b"not a picture")
    save(tmp_path / "b" / "good.png", (8, 8), grey=200)

    with caplog.at_level(logging.WARNING, logger="gan_tdd"):
        images, labels, _ = load_labelled_folder(tmp_path)

    assert images[:, 0, 0, 0].tolist() == [10, 200] and labels.tolist() == [0, 1]
    assert "broken.png" in caplog.text


@pytest.mark.parametrize("layout, message", [
    pytest.param(["loose.png", "a/one.png", "b/two.png"],
                 "1 picture lies in .* itself: a folder with labels holds one subfolder per class "
                 r"\(DIR/CLASS/\*.png\)", id="a_picture_outside_the_class_folders"),
    pytest.param(["a/one.png", "a/two.png"], "holds one class folder, a: labels need two classes or more",
                 id="one_class"),
])
def test_a_folder_that_is_not_one_subfolder_per_class_is_refused_in_one_line(tmp_path, layout, message):
    for name in layout:
        save(tmp_path / name, (8, 8), grey=0)

    with pytest.raises(DataError, match=message):
        load_labelled_folder(tmp_path)
