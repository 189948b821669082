"""The built-in networks, DCGAN and MLP, as functions from tensors to tensors, and a module of
your own in their place."""
import numpy as np
import pytest
import tensorflow as tf

from gan_tdd.networks import NETWORKS, discriminator, generator, get_discriminator_features, get_networks

v1 = tf.compat.v1


def run(tensor):
    with v1.Session() as session:
        session.run(v1.global_variables_initializer())
        return session.run(tensor)


@pytest.fixture(autouse=True)
def fresh_graph():
    """Each network test builds in an empty graph of its own."""
    with tf.Graph().as_default():
        yield


def test_generator_turns_each_noise_vector_into_one_image_in_minus_one_to_one():
    """Five noise vectors give five 28x28x1 images whose pixels lie in [-1, 1] (tanh)."""
    values = run(generator(tf.random.normal([5, 100]), (28, 28, 1), width=8, training=True))

    assert values.shape == (5, 28, 28, 1)
    assert values.min() >= -1 and values.max() <= 1


def test_discriminator_gives_one_logit_per_image():
    """Seven images in give a (7, 1) tensor of logits out."""
    values = run(discriminator(tf.zeros([7, 28, 28, 1]), width=8))

    assert values.shape == (7, 1)
    assert np.all(np.isfinite(values))


@pytest.mark.parametrize("name", [pytest.param(name, id=name) for name in NETWORKS])
def test_each_built_in_pair_maps_noise_to_images_and_images_to_one_logit_each(name):
    """get_networks binds the widths; what is left is generator_fn(noise, image_shape, training)
    and discriminator_fn(images)."""
    generator_fn, discriminator_fn = get_networks(name, generator_width=4, discriminator_width=4)

    with v1.variable_scope("generator"):
        images = generator_fn(tf.random.normal([5, 8]), (8, 12, 3), training=True)
    with v1.variable_scope("discriminator"):
        logits = discriminator_fn(images)
    image_values, logit_values = run([images, logits])

    assert image_values.shape == (5, 8, 12, 3)
    assert image_values.min() >= -1 and image_values.max() <= 1
    assert logit_values.shape == (5, 1)


def test_the_mlp_at_width_64_has_the_layers_of_the_classic_keras_gan():
    """G: 256 -> 512 -> 1024 -> 784 pixels; D: 784 -> 512 -> 256 -> 1."""
    generator_fn, discriminator_fn = get_networks("mlp")

    with v1.variable_scope("generator"):
        images = generator_fn(tf.zeros([1, 100]), (28, 28, 1), training=True)
    with v1.variable_scope("discriminator"):
        discriminator_fn(images)

    kernels = [v.shape.as_list() for v in v1.trainable_variables() if "kernel" in v.name]
    assert kernels == [[100, 256], [256, 512], [512, 1024], [1024, 784],
                       [784, 512], [512, 256], [256, 1]]


def test_an_unknown_network_name_is_refused_in_one_line_that_lists_the_choices():
    """get_networks("resnet") names the mistake and the names it knows."""
    with pytest.raises(ValueError) as error:
        get_networks("resnet")

    assert str(error.value) == "unknown networks 'resnet'; choose one of: dcgan, mlp, points"


def test_a_networks_module_of_your_own_serves_as_a_built_in_one_with_its_widths_bound():
    """Any module with the built-in modules' three functions: get_networks and
    get_discriminator_features hand them out with `width` bound, as they do DCGAN's."""
    import types

    calls = []
    yours = types.SimpleNamespace(
        generator=lambda noise, image_shape, training, width: calls.append(("generator", width)),
        discriminator=lambda images, width: calls.append(("discriminator", width)),
        discriminator_features=lambda images, width: calls.append(("features", width)))

    generator_fn, discriminator_fn = get_networks(yours, generator_width=3, discriminator_width=5)
    generator_fn(None, (8, 8, 1), training=True)
    discriminator_fn(None)
    get_discriminator_features(yours, width=7)(None)

    assert calls == [("generator", 3), ("discriminator", 5), ("features", 7)]


@pytest.mark.parametrize("lookup, message", [
    pytest.param(lambda yours: get_networks(yours), "has no discriminator", id="pair"),
    pytest.param(lambda yours: get_discriminator_features(yours), "has no discriminator_features", id="features"),
])
def test_a_module_without_the_networks_functions_is_refused_naming_what_it_lacks(lookup, message):
    """A module with a generator alone cannot be a pair; the message says what a networks module holds."""
    import types

    with pytest.raises(ValueError) as error:
        lookup(types.SimpleNamespace(generator=lambda noise, image_shape, training, width: noise))

    assert str(error.value).startswith("networks must be the name of a built-in pair (dcgan, mlp, points) "
                                       "or a module with the functions")
    assert str(error.value).endswith(message)


def test_the_points_pair_maps_noise_to_unsquashed_points_and_points_to_one_logit():
    """No tanh at the end: with large weights the points go well beyond [-1, 1]."""
    v1.set_random_seed(0)
    make, judge = get_networks("points", generator_width=8, discriminator_width=8)
    noise = tf.constant(np.random.default_rng(0).normal(0, 100, (3, 2)).astype(np.float32))

    points = make(noise, (2,), training=True)
    with v1.variable_scope("discriminator"):
        logits = judge(points)
    drawn, logits = run([points, logits])

    assert drawn.shape == (3, 2) and logits.shape == (3, 1)
    assert np.abs(drawn).max() > 1.0


def test_packing_joins_consecutive_points_into_one_input():
    """Four points packed by 2: D reads (p0, p1) and (p2, p3), each as one row of 4 numbers."""
    from gan_tdd.networks.packing import packed

    points = tf.constant(np.arange(8, dtype=np.float32).reshape(4, 2))

    joined = run(packed(lambda inputs: inputs, 2)(points))

    np.testing.assert_array_equal(joined, [[0, 1, 2, 3], [4, 5, 6, 7]])


def test_packing_joins_images_along_their_channels():
    """Four 2x2 grey images packed by 2: two inputs of 2x2x2, image 0 then image 1 in the channels."""
    from gan_tdd.networks.packing import packed

    images = np.arange(16, dtype=np.float32).reshape(4, 2, 2, 1)

    joined = run(packed(lambda inputs: inputs, 2)(tf.constant(images)))

    assert joined.shape == (2, 2, 2, 2)
    np.testing.assert_array_equal(joined[0, ..., 0], images[0, ..., 0])
    np.testing.assert_array_equal(joined[0, ..., 1], images[1, ..., 0])
    np.testing.assert_array_equal(joined[1, ..., 1], images[3, ..., 0])


@pytest.mark.parametrize("pack, message", [pytest.param(0, "pack must be an integer >= 1", id="zero"),
                                           pytest.param(2.5, "pack must be an integer >= 1", id="fraction")])
def test_a_pack_that_is_not_a_whole_number_of_samples_is_refused(pack, message):
    from gan_tdd.networks.packing import packed

    with pytest.raises(ValueError, match=message):
        packed(lambda inputs: inputs, pack)


@pytest.mark.parametrize("side, count", [pytest.param(28, 2, id="28_two"), pytest.param(32, 3, id="32_three"),
                                         pytest.param(64, 4, id="64_four"), pytest.param(8, 2, id="8_two")])
def test_the_dcgan_pair_has_as_many_stages_as_the_size_needs(side, count):
    """28 doubles 7x7 twice; 32 and 64 start from 4x4, three and four times; D mirrors it."""
    from gan_tdd.networks import dcgan

    images = generator(tf.zeros([2, 8]), (side, side, 3), training=True, width=4)
    with v1.variable_scope("discriminator"):
        logits = discriminator(images, width=4)

    names = [variable.name for variable in v1.global_variables()]
    assert dcgan.stages((side, side, 3)) == count
    assert images.shape.as_list() == [2, side, side, 3] and logits.shape.as_list() == [2, 1]
    assert sum(name.startswith(f"upsample_") and name.endswith("/kernel:0") for name in names) == count
    assert sum("downsample_" in name and name.endswith("/kernel:0") for name in names) == count
