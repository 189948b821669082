"""What a digit's stroke looks like, in numbers: its slant, width and ink.

The measures of InfoGAN's continuous codes (Chen et al. 2016 show one code turning into the
slant, another into the width): sweep a code and see which of them moves. Each comes from the
moments of the image's ink, the pixels' brightness read as mass:

    slant = -cov(row, column) / var(row)           columns to the right per row up: 0 upright,
                                                   > 0 leaning right (rows count downwards)
    width = sqrt(var(column) - cov(row, column)^2 / var(row))
                                                   the ink's spread across once the stroke is
                                                   sheared upright, in pixels
    ink   = mean ink over the picture              more for thicker (or longer) strokes
"""
import numpy as np


def stroke_measures(images):
    """The slant, width and ink of each image.

    Args:
        images: floats in [-1, 1] of shape (count, height, width, channels); the ink is
            (image + 1) / 2, the channels' mean.

    Returns:
        {"slant": ..., "width": ..., "ink": ...}, each a float64 array of shape (count,); an
        image without ink measures 0 in all three.
    """
    ink = (np.asarray(images, np.float64).mean(axis=-1) + 1) / 2
    rows, columns = np.mgrid[:ink.shape[1], :ink.shape[2]]
    total = ink.sum(axis=(1, 2))
    mass = np.where(total > 0, total, 1.0)

    def mean(values):
        return (ink * values).sum(axis=(1, 2)) / mass

    row_centre, column_centre = mean(rows), mean(columns)
    row_offset = rows - row_centre[:, None, None]
    column_offset = columns - column_centre[:, None, None]
    row_variance, column_variance = mean(row_offset ** 2), mean(column_offset ** 2)
    covariance = mean(row_offset * column_offset)
    upright = row_variance > 0
    slant = np.where(upright, -covariance / np.where(upright, row_variance, 1.0), 0.0)
    across = column_variance - np.where(upright, covariance ** 2 / np.where(upright, row_variance, 1.0), 0.0)
    return {"slant": slant, "width": np.sqrt(np.maximum(across, 0.0)), "ink": ink.mean(axis=(1, 2))}
