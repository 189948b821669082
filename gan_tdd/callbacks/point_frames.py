"""PointFramesCallback: frames of a GAN on points in the plane, every n steps, and a GIF of them."""
from pathlib import Path

import numpy as np

from gan_tdd.callbacks.base import Callback
from gan_tdd.data import fixed_noise
from gan_tdd.evaluation.points import optimal_discriminator
from gan_tdd.images import save_gif
from gan_tdd.plane import render_frame, save_frame, surface_grid
from gan_tdd.quiet_tensorflow import tf


class PointFramesCallback(Callback):
    """Every `every` steps (and before the first), a frame of `gan_tdd.plane`: D's output over
    the plane, real and generated points, and where the generator's update moves the generated
    ones; beside it the optimal discriminator D* for the generator of that step (its density
    estimated from the points drawn); `directory/step-NNNNNN.png`, and `directory/progress.gif`
    of them at the end.

    For a packed discriminator (`gan_tdd.networks.packing`), which judges `pack` points at once,
    the heat map at x is D's output for a pack of copies of x.
    """

    def __init__(self, directory, mixture, every=100, points=500, arrows=64, seed=0, logdir=None):
        """Args: directory: where the frames go; mixture: the data's `GaussianMixture` (its
        centres set the square drawn); every: steps between frames; points: real and generated
        points drawn; arrows: generated points that get an arrow; seed: of the fixed noise;
        logdir: a directory of its own for TensorBoard, where each frame goes too as the image
        "frames" at its step; None for none."""
        self.directory = Path(directory)
        self.logdir = None if logdir is None else str(logdir)
        self.writer = None
        self.mixture = mixture
        self.every = every
        self.count = points
        self.arrows = arrows
        self.seed = seed
        self.paths = []

    def set_model(self, model, session, dataset=None):
        """Add the ops of the arrows: minus the generator loss's gradient at the generated points."""
        super().set_model(model, session, dataset)
        self.pack = getattr(model.discriminator_fn, "pack", 1)
        (gradient,) = tf.gradients(model.g_loss, model.generated_images)  # fit made model.graph the default
        self._moves = tf.negative(gradient, name="generator_moves")
        self.noise = fixed_noise(self.count, model.noise_dim, self.seed)
        self.real = dataset.images[:self.count]
        # A model that reads a label with each point (a self-conditioned GAN's clusters) is fed
        # the data's own: a place of the map takes its nearest data point's, as a real point
        # there would; the arrows start from points drawn for the labels of the first real ones.
        self.labelled = getattr(model, "labels", None) is not None
        if self.labelled:
            from scipy.spatial import cKDTree

            self._nearest, self._labels = cKDTree(dataset.images), dataset.labels

    def surface(self, session, cells=80):
        """D's output, through a sigmoid, at the centres of a cells x cells grid over the frame.

        Returns:
            (points of shape (cells * cells, 2), outputs of shape (cells * cells,)).
        """
        places = surface_grid(self.mixture.extent, cells)
        feed = {self.model.real_images: np.repeat(places, self.pack, axis=0)}
        if self.labelled:
            feed[self.model.labels] = self._labels[self._nearest.query(places)[1]]
        logits = session.run(self.model.d_real_logits, feed)
        return places, 1.0 / (1.0 + np.exp(-logits.ravel()))

    def moves(self, session, noise):
        """The generated points of `noise` and, for each, minus the generator loss's gradient there.

        Returns:
            (points, moves): two arrays of shape (count, 2).
        """
        feed = {self.model.noise: noise}
        if self.labelled:
            feed[self.model.labels] = self._labels[np.arange(len(noise)) % len(self._labels)]
        return session.run([self.model.generated_images, self._moves], feed)

    def _draw(self, step):
        places, surface = self.surface(self.session)
        generated = self.model.generate(self.session, self.noise)
        arrows = self.arrows - self.arrows % self.pack
        starts, moves = self.moves(self.session, self.noise[:arrows])
        trained = render_frame(self.mixture.extent, surface, self.real, generated, starts, moves,
                               title=f"step {step}: D, trained")
        # Beside it, the discriminator the theory says D tends to for this generator.
        best = render_frame(self.mixture.extent, optimal_discriminator(places, self.mixture, generated), self.real,
                            generated, title="D* = p_data / (p_data + p_g)")
        frame = np.concatenate([trained, np.full((len(trained), 4, 3), 255, np.uint8), best], axis=1)
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"step-{step:06d}.png"
        save_frame(frame, path)
        self.paths.append(path)
        if self.logdir is not None:
            if self.writer is None:
                self.writer = tf.compat.v1.summary.FileWriter(self.logdir)
            image = tf.compat.v1.Summary.Image(height=frame.shape[0], width=frame.shape[1], colorspace=3,
                                               encoded_image_string=path.read_bytes())
            self.writer.add_summary(tf.compat.v1.Summary(value=[tf.compat.v1.Summary.Value(tag="frames", image=image)]),
                                    step)
            self.writer.flush()

    def on_train_begin(self, logs=None):
        """The first frame: what the untrained networks do."""
        step = int(self.session.run(self.model.g_step))
        if step == 0:
            self._draw(0)

    def on_step_end(self, step, logs=None):
        if step % self.every == 0:
            self._draw(step)

    def on_train_end(self, logs=None):
        """The GIF of every frame this fit drew; none after a step that raised."""
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if self.paths and "exception" not in (logs or {}):
            save_gif(self.paths, self.directory / "progress.gif", milliseconds_per_frame=200)
