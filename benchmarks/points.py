"""A GAN on points in the plane: modes covered, high-quality share and minutes, with frames.

    python benchmarks/points.py --data ring [--pack 2] [--loss non-saturating] [--seed 0] [--out points]

Trains GANModel with the points pair (3 hidden layers of --width units) on --count points of the
mixture, batch --batch-size, Adam at --learning-rate with beta1 0.5, the rate falling linearly to
0 over --epochs; D judges --pack points at once (PacGAN; 1 for the plain discriminator). After
every epoch it prints the modes covered and the share of high-quality points among 2,500
generated ones (gan_tdd.evaluation.points) and the seconds so far; every --frame-every steps it
draws a frame of gan_tdd.plane under --out/DATA, and --out/DATA/progress.gif at the end.
"""
import argparse
import logging
import sys
import time

from gan_tdd.quiet_tensorflow import tf
from gan_tdd import Callback, GANDataset, GANModel
from gan_tdd.callbacks.point_frames import PointFramesCallback
from gan_tdd.data.points import POINT_SETS, get_point_set
from gan_tdd.evaluation.points import PointEvaluationCallback
from gan_tdd.losses import LOSSES
from gan_tdd.networks import get_networks
from gan_tdd.networks.packing import packed


class PrintEpochs(Callback):
    """One line per epoch: the point figures the evaluation added to the logs, and the seconds."""

    def on_train_begin(self, logs=None):
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        print(f"epoch {epoch + 1:3d}  {time.perf_counter() - self.started:6.1f} s  modes {logs['modes_covered']:2d}"
              f"  high quality {logs['high_quality_share']:.3f}  d_loss {logs['d_loss']:.3f}", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=list(POINT_SETS), default="ring")
    parser.add_argument("--loss", choices=list(LOSSES), default="non-saturating")
    parser.add_argument("--pack", type=int, default=2, help="points D judges at once (1: the plain GAN)")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--count", type=int, default=25600, help="points of the data set")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--noise-dim", type=int, default=2)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--k-steps", type=int, default=1)
    parser.add_argument("--frame-every", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="points")
    args = parser.parse_args(argv)
    logging.getLogger("gan_tdd").addHandler(logging.NullHandler())
    mixture = get_point_set(args.data)
    dataset = GANDataset(mixture.sample(args.count, seed=args.seed), args.noise_dim, args.batch_size, seed=args.seed)
    _, discriminator = get_networks("points", args.width, args.width)
    model = GANModel(noise_dim=args.noise_dim, image_shape=(2,), networks="points", generator_width=args.width,
                     discriminator_fn=packed(discriminator, args.pack), loss=args.loss,
                     d_learning_rate=args.learning_rate, g_learning_rate=args.learning_rate, seed=args.seed,
                     decay_steps=args.epochs * (dataset.batches_per_epoch // args.k_steps))
    print(f"{args.data}: {len(mixture.centres)} modes, {args.count} points, batch {args.batch_size}, "
          f"loss {args.loss}, pack {args.pack}, k {args.k_steps}, {args.epochs} epochs, seed {args.seed}", flush=True)
    evaluation = PointEvaluationCallback(mixture)
    frames = PointFramesCallback(f"{args.out}/{args.data}", mixture, every=args.frame_every)
    with tf.compat.v1.Session(graph=model.graph) as session:
        model.initialize(session)
        model.fit(session, dataset, epochs=args.epochs, k_steps=args.k_steps,
                  callbacks=[evaluation, PrintEpochs(), frames])
    print(f"frames: {args.out}/{args.data}/ (progress.gif)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
