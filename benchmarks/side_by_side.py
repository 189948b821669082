"""Put sample grids side by side in one picture, each under its title.

    python benchmarks/side_by_side.py --output docs/images/unsupervised-models.png \\
        "plain GAN=quality/gan/step-011244.png" "self-conditioned=quality/sc/step-011244.png"

Each argument is TITLE=PNG; the grids are drawn in the order given, at their own size, on black.
"""
import argparse
import sys

from PIL import Image, ImageDraw, ImageFont


def side_by_side(titled_paths, gap=16, title_height=20):
    """One picture of the images at `titled_paths` [(title, path), ...], left to right."""
    images = [(title, Image.open(path).convert("L")) for title, path in titled_paths]
    width = sum(image.width for _, image in images) + gap * (len(images) - 1)
    height = max(image.height for _, image in images) + title_height
    picture = Image.new("L", (width, height), 0)
    draw, font, left = ImageDraw.Draw(picture), ImageFont.load_default(), 0
    for title, image in images:
        draw.text((left + 4, 4), title, fill=255, font=font)
        picture.paste(image, (left, title_height))
        left += image.width + gap
    return picture


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("grids", nargs="+", metavar="TITLE=PNG")
    parser.add_argument("--output", required=True)
    args = parser.parse_args(argv)
    side_by_side([grid.split("=", 1) for grid in args.grids]).save(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
