"""Train a GAN on MNIST digits on your CPU and watch it learn.

    python main.py                      # about 7 minutes on 2 cores, no label needed; --help: the flags
    tensorboard --logdir runs           # in another terminal: scalars, image grids and the graph

Each run gets its own directory under runs/ with checkpoints, sample grids (samples/epoch-NNN.png,
final.png, progress.gif) and TensorBoard's event files. Continue a stopped run with
`python main.py --resume runs/RUN`; draw images from a finished one with
`python main.py sample --run runs/RUN --count 100 --output digits.png`. The command line lives in
the package gan_tdd.cli.
"""
import sys

from gan_tdd.cli import main

if __name__ == "__main__":
    sys.exit(main())
