"""A folder of pictures to try `main.py --data FOLDER` on: coloured circles and squares as PNG files.

    python benchmarks/shapes.py --out shapes [--count 2000] [--size 32]
    python main.py --data shapes

Each picture is one shape on black: a circle or a square (in turn), of random colour, place and
radius, drawn with Pillow; seeded, so the same command writes the same files.
"""
import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="shapes")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    random = np.random.default_rng(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    side = args.size
    for index in range(args.count):
        picture = Image.new("RGB", (side, side), (0, 0, 0))
        draw = ImageDraw.Draw(picture)
        x, y = random.integers(side * 9 // 32, side * 23 // 32 + 1, 2)
        radius = random.integers(side // 8, side * 9 // 32)
        colour = tuple(int(channel) for channel in random.integers(60, 256, 3))
        (draw.ellipse if index % 2 else draw.rectangle)([x - radius, y - radius, x + radius, y + radius], fill=colour)
        picture.save(out / f"shape-{index:04d}.png")
    print(f"wrote {args.count} {side}x{side} pictures to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
