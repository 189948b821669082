"""Small random moves of pictures, in the graph: shears, turns, zooms and shifts that leave a digit
the digit it was.

InfoGAN's Q clusters the real images through them (`InfoGANModel(clustering_weight=1.0,
augmentation=random_affine())`): a category that must survive a shear, a turn of 15 degrees and
a shift of two pixels cannot stand for the slant or the place of the stroke, and comes to stand
for what survives, the digit.
"""
import math

from gan_tdd.checks import require_non_negative_number
from gan_tdd.quiet_tensorflow import tf


def affine(images, angles, zooms, shifts, shears=None, background=-1.0):
    """Each image sheared, turned, zoomed and shifted: bilinear, the uncovered corners `background`.

    Args:
        images: a tensor of shape (batch, height, width, channels).
        angles: (batch,) radians, anticlockwise as the picture is seen, about its centre.
        zooms: (batch,) scales about the centre: 2 doubles the picture's size.
        shifts: (batch, 2) pixels, (down, right), applied after the turn and the zoom.
        shears: (batch,) columns to the right per row up, applied first: 1 leans an upright
            stroke by 45 degrees (a slant of 1, as `gan_tdd.evaluation.strokes` measures it);
            None for none.
        background: the value of a pixel the moved picture does not cover (-1, black, in
            the GAN's range).

    Returns:
        A tensor of the images' shape.
    """
    height, width = images.shape[1], images.shape[2]
    centre_row, centre_column = (height - 1) / 2, (width - 1) / 2
    shears = tf.zeros_like(angles) if shears is None else shears
    # The transform maps each output pixel (column x, row y) back to the input point it reads:
    # u = R(-angle) (output - centre - shift) / zoom, then input = centre + (u_x + shear u_y, u_y),
    # rows counting downwards.
    cos, sin = tf.cos(angles) / zooms, tf.sin(angles) / zooms
    from_column = centre_column + shifts[:, 1]
    from_row = centre_row + shifts[:, 0]
    column_x, column_y = cos + shears * sin, shears * cos - sin
    transforms = tf.stack([column_x, column_y, centre_column - column_x * from_column - column_y * from_row,
                           sin, cos, centre_row - sin * from_column - cos * from_row,
                           tf.zeros_like(cos), tf.zeros_like(cos)], axis=1)
    return tf.raw_ops.ImageProjectiveTransformV3(
        images=images, transforms=tf.cast(transforms, tf.float32), output_shape=tf.constant([height, width]),
        fill_value=tf.constant(background, tf.float32), interpolation="BILINEAR", fill_mode="CONSTANT")


def random_affine(max_degrees=15.0, max_zoom=0.1, max_shift=2.0, max_shear=0.4):
    """A function images -> images that shears, turns, zooms and shifts each image by its own
    random amount, drawn anew on each run of the graph: shears uniform in +-max_shear, angles in
    +-max_degrees, zooms in 1 +- max_zoom, shifts in +-max_shift pixels each way.

    The defaults move a digit about as far as handwriting does: a shear of 0.4 leans an upright
    1 as far as a slanted one leans (InfoGAN's clustering without it gave upright and slanted 1s
    a code each on one seed of three: docs/unsupervised.md).

    Raises:
        ValueError: a negative bound, or a zoom of 1 or more (a picture shrunk to nothing).
    """
    require_non_negative_number("max_degrees", max_degrees)
    require_non_negative_number("max_shift", max_shift)
    require_non_negative_number("max_shear", max_shear)
    if not 0 <= require_non_negative_number("max_zoom", max_zoom) < 1:
        raise ValueError(f"max_zoom must be in [0, 1), got {max_zoom}")

    def augment(images):
        batch = tf.shape(images)[0]
        angles = tf.random.uniform([batch], -1.0, 1.0) * math.radians(max_degrees)
        zooms = 1.0 + tf.random.uniform([batch], -max_zoom, max_zoom)
        shifts = tf.random.uniform([batch, 2], -max_shift, max_shift)
        shears = tf.random.uniform([batch], -max_shear, max_shear)
        return affine(images, angles, zooms, shifts, shears)
    return augment
