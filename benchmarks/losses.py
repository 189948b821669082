"""The loss family side by side: every loss (and the MLP networks) trained at one budget on MNIST.

    python benchmarks/losses.py --report-at 1000,2000 --threads 1 [--only hinge,wasserstein] [--model conditional]
                                [any other main.py training flag, given to every setting: --epochs 8]

Runs `benchmarks/quality.py` once per setting, one after the other on this machine, each with its
loss's preset (main.py's, printed at the start), and prints one table: generator steps, training
minutes (scoring not counted), MNIST score, Fréchet distance and classes covered at each report,
then writes the sample grids under --out/SETTING/. The minutes are this machine's, with --threads
TensorFlow threads: compare them within one table only. The model is the unconditional GAN
unless --model says otherwise: without labels to lean on, the losses differ the most.
"""
import argparse
import subprocess
import sys
from pathlib import Path

SETTINGS = {
    "non-saturating": ["--loss", "non-saturating"],
    "minimax": ["--loss", "minimax"],
    "least-squares": ["--loss", "least-squares"],
    "hinge": ["--loss", "hinge"],
    "wasserstein": ["--loss", "wasserstein"],
    "wasserstein-gp": ["--loss", "wasserstein-gp"],
    "mlp (non-saturating)": ["--networks", "mlp"],
}
QUALITY = Path(__file__).resolve().parent / "quality.py"


def main(argv=None):
    """Train each setting in turn and print the table of its reports."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-at", default="1000,2000", help="comma-separated generator steps")
    parser.add_argument("--samples", type=int, default=2000, help="images scored per report")
    parser.add_argument("--threads", type=int, default=1, help="TensorFlow threads per training")
    parser.add_argument("--only", default="", help="comma-separated names of SETTINGS to run")
    parser.add_argument("--out", default="losses", help="directory for the sample grids")
    parser.add_argument("--model", default="gan", help="main.py's --model for every setting")
    args, extra = parser.parse_known_args(argv)
    names = args.only.split(",") if args.only else list(SETTINGS)
    print(f"{'setting':<22} steps  minutes  mnist_score  frechet  classes", flush=True)
    for name in names:
        command = [sys.executable, str(QUALITY), "--report-at", args.report_at, "--samples", str(args.samples),
                   "--threads", str(args.threads), "--seed", "0", "--model", args.model,
                   "--out", str(Path(args.out) / name.split()[0]), *extra, *SETTINGS[name]]
        result = subprocess.run(command, capture_output=True, text=True)
        rows = [line.split() for line in result.stdout.splitlines() if line[:1].isdigit() or line[:2].strip().isdigit()]
        if result.returncode != 0 or not rows:
            print(f"{name:<22} failed: {result.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        for steps, _epochs, minutes, score, frechet, classes, *_ in rows:
            print(f"{name:<22} {steps:>5}  {minutes:>7}  {score:>11}  {frechet:>7}  {classes:>7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
