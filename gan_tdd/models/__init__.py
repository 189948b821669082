"""GANs that draw what they are asked for: a digit, a cluster, or a code of their own.

    labelled.py          LabelledGANModel: what the others but InfoGAN share, a label per
                         image that G reads
    conditional.py       ConditionalGANModel: D judges image-label pairs    Mirza & Osindero 2014
    acgan.py             ACGANModel: D also names each image's class         Odena et al. 2017
    self_conditioned.py  SelfConditionedGANModel: no labels; clusters found   Liu et al. 2020
                         in the images stand in for them
    infogan.py           InfoGANModel: no labels; a head Q recovers G's code  Chen et al. 2016

Each is a GANModel (`gan_tdd.model`) built in the same six steps, in one graph: what changes is
what G reads (`generator_inputs`) and what D gives back (`discriminate`): for ACGAN and InfoGAN
a second head on the discriminator's body and the loss it adds (`gan_tdd.auxiliary_losses`).
`fit` trains them all; the labelled models need a dataset with labels,
`GANDataset(images, ..., labels=labels)`, the self-conditioned one its clusters as labels.
"""
from gan_tdd.models.acgan import ACGANModel
from gan_tdd.models.conditional import ConditionalGANModel
from gan_tdd.models.infogan import InfoGANModel
from gan_tdd.models.labelled import LabelledGANModel
from gan_tdd.models.self_conditioned import SelfConditionedGANModel

__all__ = ["ACGANModel", "ConditionalGANModel", "InfoGANModel", "LabelledGANModel", "SelfConditionedGANModel"]
