"""RunSettings: the measured defaults, the flags made from them, and settings.json written and read."""
import dataclasses
import json
import os

import pytest

from gan_tdd.cli.flags import train_parser
from gan_tdd.cli.settings import RunSettings


def recorded(**changes):
    """The settings of a run as train records them: a seed drawn and the data's image shape."""
    return dataclasses.replace(RunSettings(seed=3, image_shape=[28, 28, 1]), **changes)


def test_settings_written_are_the_settings_read_back(tmp_path):
    """settings.json keeps every setting as it was."""
    settings = recorded(batch_size=32, d_learning_rate=2e-4, data="/data/fashion.npz")

    settings.write(tmp_path)

    assert RunSettings.read(tmp_path) == settings


def test_every_setting_but_what_the_data_says_is_a_flag_with_the_same_default():
    """The flags are made from the fields, so a default lives in one place only. The image shape
    and a labelled model's classes come from the data."""
    settings, preset = RunSettings.from_flags(train_parser().parse_args([]))

    assert preset == {}
    assert settings == RunSettings()
    assert {field.name for field in RunSettings.flag_fields()} == {
        field.name for field in dataclasses.fields(RunSettings)} - {"image_shape", "num_classes"}


def test_a_loss_brings_its_preset_for_the_flags_that_were_not_given():
    """wasserstein-gp: 5 critic updates and Adam's (0, 0.9), as its paper trains it."""
    settings, preset = RunSettings.from_flags(train_parser().parse_args(["--loss", "wasserstein-gp"]))

    assert (settings.k_steps, settings.beta1, settings.beta2) == (5, 0.0, 0.9)
    assert preset == {name: getattr(settings, name) for name in preset} and "k_steps" in preset


def test_the_clipped_wasserstein_preset_sets_the_clip_value_and_a_flag_still_wins():
    """wasserstein's preset clips at 0.1 (measured, docs/losses.md); --clip-value 0.01, the
    paper's, overrides it; the other losses keep the flag's default."""
    parse = lambda *flags: RunSettings.from_flags(train_parser().parse_args(list(flags)))  # noqa: E731

    settings, preset = parse("--loss", "wasserstein")
    paper, paper_preset = parse("--loss", "wasserstein", "--clip-value", "0.01")

    assert settings.clip_value == preset["clip_value"] == 0.1
    assert paper.clip_value == 0.01 and "clip_value" not in paper_preset
    assert parse("--loss", "hinge")[0].clip_value == RunSettings().clip_value


def test_a_flag_given_overrides_the_losss_preset():
    """--k-steps 2 wins over wasserstein-gp's 5, and is then no part of the preset shown."""
    settings, preset = RunSettings.from_flags(
        train_parser().parse_args(["--loss", "wasserstein-gp", "--k-steps", "2"]))

    assert settings.k_steps == 2 and "k_steps" not in preset and settings.beta2 == 0.9


def test_a_settings_file_from_before_the_loss_family_reads_as_the_non_saturating_dcgan(tmp_path):
    """Runs recorded before --loss and --networks existed trained today's default pair."""
    values = dataclasses.asdict(recorded())
    for name in ("loss", "networks", "learning_rate_decay", "beta1", "beta2", "label_smoothing", "clip_value",
                 "gradient_penalty_weight", "pretrain_d_steps"):
        del values[name]
    (tmp_path / "settings.json").write_text(json.dumps(values))

    settings = RunSettings.read(tmp_path)

    assert (settings.loss, settings.networks, settings.beta1, settings.pretrain_d_steps) == (
        "non-saturating", "dcgan", 0.5, 0)
    assert settings.learning_rate_decay == "none"  # such runs kept their learning rates constant


def test_a_resumed_run_keeps_every_setting_but_its_epochs():
    """--epochs may grow a run; any other flag with --resume would change the run, so it is refused."""
    assert "epochs" not in RunSettings.kept_on_resume()
    assert {"batch_size", "seed", "data", "d_learning_rate"} <= set(RunSettings.kept_on_resume())


def test_reading_settings_of_a_directory_that_is_not_a_run_says_so(tmp_path):
    """A directory without settings.json is not a run directory."""
    with pytest.raises(FileNotFoundError, match="is not a run directory"):
        RunSettings.read(tmp_path)


def test_a_setting_this_version_does_not_know_is_named_in_the_error(tmp_path):
    """A settings.json from a newer gan_tdd is refused, not half understood."""
    values = {**dataclasses.asdict(recorded()), "warp_factor": 9}
    (tmp_path / "settings.json").write_text(json.dumps(values))

    with pytest.raises(ValueError, match="does not know: warp_factor"):
        RunSettings.read(tmp_path)


def test_a_missing_setting_without_a_stand_in_is_named_in_the_error(tmp_path):
    """A settings.json that lacks a setting older runs always had is damaged: it says which."""
    values = dataclasses.asdict(recorded())
    del values["noise_dim"]
    (tmp_path / "settings.json").write_text(json.dumps(values))

    with pytest.raises(ValueError, match="lacks the settings noise_dim"):
        RunSettings.read(tmp_path)


def test_a_setting_added_later_takes_the_value_older_runs_had(tmp_path, monkeypatch):
    """A field's `before` stands in for its key in a settings.json written before it existed."""
    @dataclasses.dataclass
    class NewerSettings(RunSettings):
        label_smoothing: float = dataclasses.field(default=0.1, metadata={"help": "x", "parse": float,
                                                                           "before": 0.0})

    recorded().write(tmp_path)

    assert NewerSettings.read(tmp_path).label_smoothing == 0.0


def test_a_settings_file_that_is_not_json_is_named_in_the_error(tmp_path):
    """A damaged settings.json is one clear error, not a JSON traceback."""
    (tmp_path / "settings.json").write_text("{ half")

    with pytest.raises(ValueError, match="settings.json is not valid JSON"):
        RunSettings.read(tmp_path)


def test_a_failed_settings_write_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    """settings.json is replaced by renaming a complete file, so a failure in between keeps the old one."""
    recorded(epochs=1).write(tmp_path)

    def crash(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        recorded(epochs=2).write(tmp_path)

    assert RunSettings.read(tmp_path).epochs == 1


# A run's settings at 8x8, their model built once to train (10 batches an epoch) with a benchmark's
# option, and once to sample: each build costs a third of a second.
TO_TRAIN = dict(image_shape=[8, 8, 1], generator_width=4, discriminator_width=4, noise_dim=5, d_learning_rate=3e-4,
                epochs=3, k_steps=2, learning_rate_decay="linear")


@pytest.fixture(scope="module")
def built_to_train():
    return recorded(**TO_TRAIN).build_model(batches_per_epoch=10, average_decay=0.99)


def test_the_settings_build_the_model_they_describe(built_to_train):
    """build_model gives a GANModel with the recorded sizes and learning rates."""
    assert (built_to_train.image_shape, built_to_train.generator_width, built_to_train.noise_dim,
            built_to_train.d_learning_rate) == ((8, 8, 1), 4, 5, 3e-4)


def test_a_benchmark_can_hand_the_model_a_setting_main_py_has_no_flag_for(built_to_train):
    """build_model(average_decay=0.99): the option reaches the model's constructor as it is."""
    assert built_to_train.average_decay == 0.99


@pytest.mark.parametrize("decay, decay_steps", [pytest.param("linear", 3 * 10 // 2, id="linear_to_the_last_step"),
                                                pytest.param("none", None, id="constant")])
def test_the_learning_rates_decay_to_zero_at_the_runs_last_step(decay, decay_steps):
    """3 epochs of 10 batches at k 2: 15 generator updates, after which the rates are 0."""
    settings = recorded(image_shape=[8, 8, 1], generator_width=4, discriminator_width=4, epochs=3, k_steps=2,
                        learning_rate_decay=decay)

    assert settings.decay_steps(batches_per_epoch=10) == decay_steps


def test_the_model_built_to_train_decays_over_the_run_and_the_one_built_to_sample_does_not(built_to_train):
    """build_model(batches_per_epoch) hands the run's decay_steps to the model (3 epochs of 10
    batches at k 2: 15); to sample, rates do not matter."""
    assert built_to_train.decay_steps == 15
    assert recorded(**TO_TRAIN).build_model().decay_steps is None


def test_the_self_conditioned_model_reads_its_clusters_by_projection_unless_told_otherwise():
    """Its default is --conditioning projection, the conditional GAN's input channels; a flag wins.
    A default, not a preset: nothing is printed for it."""
    parse = lambda *flags: RunSettings.from_flags(train_parser().parse_args(list(flags)))  # noqa: E731

    settings, preset = parse("--model", "self-conditioned")

    assert (settings.conditioning, preset) == ("projection", {})
    assert parse("--model", "conditional")[0].conditioning == "channels"
    assert parse("--model", "self-conditioned", "--conditioning", "channels")[0].conditioning == "channels"


@pytest.mark.parametrize("model, conditioning", [pytest.param("conditional", "projection", id="conditional"),
                                                 pytest.param("self-conditioned", "channels", id="self_conditioned")])
def test_the_settings_build_a_conditional_discriminator_that_reads_the_label_as_they_say(model, conditioning):
    """--conditioning reaches the model, and --clusters the self-conditioned one."""
    built = recorded(model=model, conditioning=conditioning, clusters=7, image_shape=[8, 8, 1], generator_width=4,
                     discriminator_width=4).build_model()

    assert built.conditioning == conditioning
    assert built.num_classes == (7 if model == "self-conditioned" else 10)


def test_the_settings_build_an_infogan_with_the_code_sizes_weights_and_clustering_they_record():
    """--categorical-dim, --continuous-dim and the three weights reach InfoGANModel by their names."""
    built = recorded(model="infogan", categorical_dim=4, continuous_dim=3, categorical_weight=2.0,
                     continuous_weight=0.5, clustering_weight=0.25, image_shape=[8, 8, 1], generator_width=4,
                     discriminator_width=4).build_model()

    assert (built.categorical_dim, built.continuous_dim, built.categorical_weight, built.continuous_weight,
            built.clustering_weight) == (4, 3, 2.0, 0.5, 0.25)
    assert "clustering_loss" in built.scalars


def test_an_infogan_run_from_before_the_clustering_reads_as_the_papers_infogan():
    """settings.json files written before clustering_weight existed: their InfoGAN had none."""
    values = dataclasses.asdict(recorded(model="infogan"))
    del values["clustering_weight"]

    assert RunSettings.from_dict(values).clustering_weight == 0.0
    assert RunSettings().clustering_weight == 2.0
