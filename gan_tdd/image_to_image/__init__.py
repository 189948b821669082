"""The image-to-image GAN: restore damaged images with a pixel loss beside an adversarial loss.

    damage.py    the damages to undo: the lower half removed, heavy noise, a lower resolution
"""
