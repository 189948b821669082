"""gan_tdd: a small, test-first GAN framework in TensorFlow's TF1-compat graph mode.

The library, in the order a GAN is built and trained:

    layers.py          dense, conv2d, conv2d_transpose, batch_norm on get_variable + tf.nn
    networks/          generator and discriminator pairs (dcgan, mlp): tensors in, tensors out
    losses.py          the loss family, pure functions of the discriminator's outputs
    model.py           GANModel: the whole GAN as one graph, and generate()
    averaging.py       a moving average of the generator's variables, to sample from
    data/              data files read offline, and GANDataset's shuffled batches
    training.py        fit: k discriminator updates, then one generator update
    callbacks/         the extension point of fit: summaries, logs, grids, checkpoints, ...
    checkpoints.py     Checkpointer: save and restore a model
    run.py             TrainingRun: fit in a directory of its own, with checkpoints, resume, Ctrl-C, grids
    logs.py            a run's train.log
    evaluation/        MNIST score, Fréchet distance and a classifier to compute them
    clustering.py      clusters of images found without labels (principal components, k-means)
    models/            conditional GAN, ACGAN, self-conditioned GAN, InfoGAN (auxiliary_losses.py)
    image_to_image/    restoring damaged digits: a pixel loss beside an adversarial one
    images.py          grids of images as PNG files, and GIFs
    checks.py          the library's argument checks
    quiet_tensorflow.py  TensorFlow imported without its native start-up lines
    lazy_names.py      this package's names, each imported from its module on first use

`cli/` is the command line behind main.py; nothing in the library imports it.
"""
from gan_tdd.lazy_names import lazy_names

# Each public name and its module. A name is imported when first used, so that `main.py --help`
# and main.py's one-line errors come at once, before TensorFlow is loaded (seconds, and log lines).
_MODULES = {
    "GANModel": "gan_tdd.model",
    "ConditionalGANModel": "gan_tdd.models",
    "ACGANModel": "gan_tdd.models",
    "InfoGANModel": "gan_tdd.models",
    "SelfConditionedGANModel": "gan_tdd.models",
    "ImageToImageModel": "gan_tdd.image_to_image",
    "GANDataset": "gan_tdd.data",
    "fit": "gan_tdd.training",
    "Callback": "gan_tdd.callbacks",
    "CallbackList": "gan_tdd.callbacks",
    "SummaryCallback": "gan_tdd.callbacks",
    "LogCallback": "gan_tdd.callbacks",
    "ProgressBar": "gan_tdd.callbacks",
    "SampleGridCallback": "gan_tdd.callbacks",
    "CheckpointCallback": "gan_tdd.callbacks",
    "TerminateOnNaN": "gan_tdd.callbacks",
    "TraceCallback": "gan_tdd.callbacks",
    "StopOnInterrupt": "gan_tdd.callbacks",
    "EvaluationCallback": "gan_tdd.callbacks",
    "Checkpointer": "gan_tdd.checkpoints",
    "TrainingRun": "gan_tdd.run",
    "Evaluator": "gan_tdd.evaluation",
    "load_mnist": "gan_tdd.data",
    "save_grid": "gan_tdd.images",
}
__all__ = list(_MODULES)

__getattr__, __dir__ = lazy_names(__name__, _MODULES, globals())
