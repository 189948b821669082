"""SampleGridCallback: the same noise, drawn after every epoch, so one can watch digits form."""
from pathlib import Path

import numpy as np

from gan_tdd.callbacks.base import Callback
from gan_tdd.images import save_gif, save_grid


class SampleGridCallback(Callback):
    """After every epoch, writes `directory/epoch-NNN.png`: a grid of images from `noise`.

    The noise stays fixed for the whole run, so each grid shows the same samples one epoch
    older. At the end of training (unless a step raised) it writes `final.png` and `progress.gif`, which animates every
    epoch grid in the directory (those of earlier, resumed parts of the run included).
    """

    def __init__(self, directory, noise, labels=None, codes=None, columns=None):
        """Args:
            directory: where the grids go; made when training begins.
            noise: the fixed noise batch, shape (count, noise_dim); 64 makes an 8x8 grid.
            labels: for a labelled model (gan_tdd.models), the class of each image; None for
                a model that takes none.
            codes: for InfoGAN, the (categorical, continuous) code of each image; None otherwise.
            columns: images per row of the grid; None for a square grid.
        """
        self.directory = Path(directory)
        self.noise = noise
        self.labels = labels
        self.codes = codes
        self.columns = columns

    def on_train_begin(self, logs=None):
        self.directory.mkdir(parents=True, exist_ok=True)

    def on_epoch_end(self, epoch, logs=None):
        self._save_grid(self.directory / f"epoch-{epoch + 1:03d}.png")

    def on_train_end(self, logs=None):
        if "exception" in logs:  # a step raised: no final picture of a run that broke
            return
        self._save_grid(self.directory / "final.png")
        frames = sorted(self.directory.glob("epoch-*.png"))
        if frames:
            save_gif(frames, self.directory / "progress.gif")

    def _save_grid(self, path):
        if self.labels is not None:
            images = self.model.generate(self.session, self.noise, labels=self.labels)
        elif self.codes is not None:
            images = self.model.generate(self.session, self.noise, codes=self.codes)
        else:
            images = self.model.generate(self.session, self.noise)
        # A model whose weights turned NaN draws nothing: keep the last picture it drew instead.
        if np.isfinite(images).all():
            save_grid(images, path, columns=self.columns)
