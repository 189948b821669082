"""The command line behind main.py; the library (gan_tdd outside this package) never imports it.

    python main.py [flags]                  train (see --help for every flag and its default)
    python main.py --resume RUN_DIR         continue a run from its last checkpoint
    python main.py sample --run RUN_DIR --count N --output FILE.npy|FILE.png
    python main.py --model conditional      draw the digit asked for: sample --digit D (infogan: --code C)
    python main.py evaluate FILE.npy        sample-quality figures of a file of samples
    python main.py evaluate FILE.npy --labels LABELS.npy   ... and the label accuracy
    python main.py --model image-to-image --damage lower-half    learn to restore damaged digits
    python main.py restore --run RUN_DIR --input DAMAGED.npy --output RESTORED.npy|.png

    usage.py     one-line usage errors and the flags' value types
    flags.py     the flags of each command
    settings.py  RunSettings: the measured defaults, settings.json, the model a run trains
    runs.py      run directories
    train.py     the train command (and --resume)
    train_image_to_image.py  its loop for --model image-to-image
    sample.py    the sample command
    restore.py   the restore command
    evaluate.py  the evaluate command
    terminal.py  Ctrl-C, and log lines on the terminal and in train.log

Every command checks its arguments and files before TensorFlow loads, so a mistake costs one
line and about a second.
"""
import os
import sys

from gan_tdd.cli.usage import UsageError



def main(argv=None):
    """Run the command in `argv` (default: sys.argv[1:]) and return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--verbose" in argv:  # before TensorFlow loads: gan_tdd.quiet_tensorflow reads it then
        os.environ["GAN_TDD_VERBOSE"] = "1"
    try:
        # Each command is imported when it runs, so that --help and mistakes answer at once.
        if argv[:1] == ["sample"]:
            from gan_tdd.cli.sample import sample
            return sample(argv[1:])
        if argv[:1] == ["restore"]:
            from gan_tdd.cli.restore import restore
            return restore(argv[1:])
        if argv[:1] == ["evaluate"]:
            from gan_tdd.cli.evaluate import evaluate
            return evaluate(argv[1:])
        from gan_tdd.cli.train import train
        return train(argv)
    except UsageError as error:
        command = "main.py" if argv[:1] not in (["sample"], ["restore"], ["evaluate"]) else f"main.py {argv[0]}"
        print(f"{command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # a second Ctrl-C, or one before training started
        print("\nmain.py: interrupted", file=sys.stderr)
        return 130
