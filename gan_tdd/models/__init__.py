"""GANs that draw what they are asked for: a digit, or a code of their own.

    labelled.py     LabelledGANModel: what the next two share, a label per image that G reads
    conditional.py  ConditionalGANModel: D judges image-label pairs   Mirza & Osindero 2014
    acgan.py        ACGANModel: D also names each image's class        Odena et al. 2017
    infogan.py      InfoGANModel: no labels; a head Q recovers G's code  Chen et al. 2016

Each is a GANModel (`gan_tdd.model`) built in the same five steps, in one graph: what changes
is what the networks read and, for ACGAN and InfoGAN, a second head on the discriminator's
body and the loss it adds (`gan_tdd.auxiliary_losses`). `fit` trains them all; the labelled
models need a dataset with labels, `GANDataset(images, ..., labels=labels)`.
"""
from gan_tdd.models.acgan import ACGANModel
from gan_tdd.models.conditional import ConditionalGANModel
from gan_tdd.models.infogan import InfoGANModel
from gan_tdd.models.labelled import LabelledGANModel

__all__ = ["ACGANModel", "ConditionalGANModel", "InfoGANModel", "LabelledGANModel"]
