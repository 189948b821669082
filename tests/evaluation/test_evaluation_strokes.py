"""stroke_measures: a digit's slant, width and ink, from the second moments of its ink."""
import numpy as np
import pytest

from gan_tdd.evaluation.strokes import stroke_measures


def picture(lit):
    """A 10x10 image in [-1, 1]: -1 everywhere but the (row, column) pixels in `lit`, which are 1."""
    image = -np.ones((10, 10, 1), np.float32)
    for row, column in lit:
        image[row, column] = 1
    return image


UPRIGHT_BAR = picture([(row, column) for row in range(2, 8) for column in (4, 5, 6)])
# One pixel a row, one column further right for each row up: it leans right by one column per row.
LEANING_LINE = picture([(row, 8 - row) for row in range(1, 9)])


def test_an_upright_bar_has_no_slant_and_the_width_of_its_columns_spread():
    measures = stroke_measures(UPRIGHT_BAR[None])

    assert measures["slant"][0] == pytest.approx(0.0)
    # Three equally inked columns: the standard deviation of 4, 5, 6 is sqrt(2/3).
    assert measures["width"][0] == pytest.approx(np.sqrt(2 / 3))
    assert measures["ink"][0] == pytest.approx(18 / 100)


def test_a_line_leaning_right_by_a_column_a_row_has_slant_1_and_no_width_once_upright():
    measures = stroke_measures(np.stack([LEANING_LINE, LEANING_LINE[:, ::-1]]))

    np.testing.assert_allclose(measures["slant"], [1.0, -1.0])
    np.testing.assert_allclose(measures["width"], [0.0, 0.0], atol=1e-6)


def test_a_blank_image_measures_zero_and_colour_reads_as_the_channels_mean():
    blank = -np.ones((1, 10, 10, 3), np.float32)
    colour = np.repeat(UPRIGHT_BAR[None], 3, axis=-1)

    assert {name: values[0] for name, values in stroke_measures(blank).items()} == {
        "slant": 0.0, "width": 0.0, "ink": 0.0}
    assert stroke_measures(colour)["width"][0] == pytest.approx(np.sqrt(2 / 3))
