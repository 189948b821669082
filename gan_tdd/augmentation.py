"""Small random moves of pictures, in the graph: turns, zooms and shifts that leave a digit the
digit it was.

InfoGAN's Q can read its categorical code back through them (`InfoGANModel(code_augmentation=
random_affine())`): a code that must survive a turn of 15 degrees and a shift of two pixels
cannot stand for the slant or the place of the stroke, and comes to stand for what survives,
the digit.
"""
import math

from gan_tdd.checks import require_non_negative_number
from gan_tdd.quiet_tensorflow import tf


def affine(images, angles, zooms, shifts, background=-1.0):
    """Each image turned, zoomed and shifted: bilinear, the uncovered corners `background`.

    Args:
        images: a tensor of shape (batch, height, width, channels).
        angles: (batch,) radians, anticlockwise as the picture is seen, about its centre.
        zooms: (batch,) scales about the centre: 2 doubles the picture's size.
        shifts: (batch, 2) pixels, (down, right), applied after the turn and the zoom.
        background: the value of a pixel the moved picture does not cover (-1, black, in
            the GAN's range).

    Returns:
        A tensor of the images' shape.
    """
    height, width = images.shape[1], images.shape[2]
    centre_row, centre_column = (height - 1) / 2, (width - 1) / 2
    # The transform maps each output pixel (column x, row y) back to the input point it reads:
    # input = centre + R(-angle) (output - centre - shift) / zoom, rows counting downwards.
    cos, sin = tf.cos(angles) / zooms, tf.sin(angles) / zooms
    from_column = centre_column + shifts[:, 1]
    from_row = centre_row + shifts[:, 0]
    transforms = tf.stack([cos, -sin, centre_column - cos * from_column + sin * from_row,
                           sin, cos, centre_row - sin * from_column - cos * from_row,
                           tf.zeros_like(cos), tf.zeros_like(cos)], axis=1)
    return tf.raw_ops.ImageProjectiveTransformV3(
        images=images, transforms=tf.cast(transforms, tf.float32), output_shape=tf.constant([height, width]),
        fill_value=tf.constant(background, tf.float32), interpolation="BILINEAR", fill_mode="CONSTANT")


def random_affine(max_degrees=15.0, max_zoom=0.1, max_shift=2.0):
    """A function images -> images that turns, zooms and shifts each image by its own random
    amount, drawn anew on each run of the graph: angles uniform in +-max_degrees, zooms in
    1 +- max_zoom, shifts in +-max_shift pixels each way.

    Raises:
        ValueError: a negative bound, or a zoom of 1 or more (a picture shrunk to nothing).
    """
    require_non_negative_number("max_degrees", max_degrees)
    require_non_negative_number("max_shift", max_shift)
    if not 0 <= require_non_negative_number("max_zoom", max_zoom) < 1:
        raise ValueError(f"max_zoom must be in [0, 1), got {max_zoom}")

    def augment(images):
        batch = tf.shape(images)[0]
        angles = tf.random.uniform([batch], -1.0, 1.0) * math.radians(max_degrees)
        zooms = 1.0 + tf.random.uniform([batch], -max_zoom, max_zoom)
        shifts = tf.random.uniform([batch, 2], -max_shift, max_shift)
        return affine(images, angles, zooms, shifts)
    return augment
