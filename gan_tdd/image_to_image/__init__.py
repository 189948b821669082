"""The image-to-image GAN: restore damaged images with a pixel loss beside an adversarial loss.

    damage.py    the damages to undo: the lower half removed, heavy noise, a lower resolution
    losses.py    the generator loss: L1 to the original + a weight times an adversarial loss
    networks.py  a small U-Net generator, and a discriminator of (damaged, image) pairs
    model.py     ImageToImageModel: the graph, train_step, fit on originals and a damage, restore
"""
from gan_tdd.lazy_names import lazy_names

# As in gan_tdd/__init__.py, a name is imported when first used: damage.py needs only numpy, so
# a command line can check a --damage name before TensorFlow loads.
_MODULES = {
    "ImageToImageModel": "gan_tdd.image_to_image.model",
    "DAMAGES": "gan_tdd.image_to_image.damage",
    "get_damage": "gan_tdd.image_to_image.damage",
    "remove_lower_half": "gan_tdd.image_to_image.damage",
    "add_noise": "gan_tdd.image_to_image.damage",
    "lower_resolution": "gan_tdd.image_to_image.damage",
    "pixel_loss": "gan_tdd.image_to_image.losses",
    "combine": "gan_tdd.image_to_image.losses",
    "gradient_ratio_weight": "gan_tdd.image_to_image.losses",
}
__all__ = list(_MODULES)

__getattr__, __dir__ = lazy_names(__name__, _MODULES, globals())
