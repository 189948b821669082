"""The image-to-image GAN: restore damaged images with a pixel loss beside an adversarial loss.

    damage.py    the damages to undo: the lower half removed, heavy noise, a lower resolution
    losses.py    the generator loss: L1 to the original + a weight times an adversarial loss
"""
