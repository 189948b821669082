"""The two hooks a model overrides to say what is its own: what G reads (`generator_inputs`) and
what D gives back (`discriminate`); GANModel builds every model's networks from them, once."""
import pytest
from two_classes import ACGAN_OPTIONS, INFOGAN_OPTIONS, TINY

from gan_tdd import GANModel
from gan_tdd.models import ACGANModel, ConditionalGANModel, InfoGANModel


def generator_copies(model):
    """How many times the generator's one layer (tests/one_layer_networks.py) stands in the graph."""
    return len([op for op in model.graph.get_operations()
                if op.name.startswith("generator") and op.name.endswith("pixels/MatMul")])


@pytest.mark.parametrize("model_class, options, heads", [
    pytest.param(GANModel, {}, ["logits"], id="gan"),
    pytest.param(ConditionalGANModel, {"num_classes": 2}, ["logits"], id="conditional"),
    pytest.param(ACGANModel, ACGAN_OPTIONS, ["logits", "class_logits"], id="acgan"),
    pytest.param(InfoGANModel, INFOGAN_OPTIONS, ["logits", "q_categorical", "q_continuous"], id="infogan"),
])
def test_every_model_builds_its_generator_twice_and_gives_its_heads_on_both_paths(build_once, model_class,
                                                                                  options, heads):
    """Once to train and once to sample, no dead copy; D's outputs name the same heads on real
    and generated images."""
    model = build_once(model_class, **TINY, **options)

    assert generator_copies(model) == 2
    assert sorted(model.d_real_outputs) == sorted(model.d_fake_outputs) == sorted(heads)
    assert model.d_real_logits is model.d_real_outputs["logits"]


def test_a_model_of_yours_says_only_what_it_reads_and_what_its_discriminator_gives():
    """A GAN whose generator also reads the noise squared: one hook, and GANModel does the rest."""
    class SquaredNoiseGAN(GANModel):
        def generator_inputs(self):
            return GANModel.generator_inputs(self) ** 2

    model = SquaredNoiseGAN(**TINY)

    assert model.generated_images.shape.as_list() == [None, 8, 8, 1]
    assert [op for op in model.graph.get_operations() if op.type == "Pow"]
