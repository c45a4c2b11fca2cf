"""Mutant: unfreezes only the convolutions of a block: the BatchNorm layers' weight and bias
stay frozen at every stage."""
import types

import torch  # noqa: F401  (the schedule's globals)
import torch.nn.functional as F  # noqa: F401

from reference.session06.ex03_gradual_unfreezing import train_gradually as _schedule
from reference.session06.ex03_gradual_unfreezing import make_optimizer  # noqa: F401

CAUGHT_BY = {"stages", "frozen_stay_put", "unfreezing_order"}


def set_stage(model, stage):
    if stage not in (0, 1, 2):
        raise ValueError(stage)
    model.requires_grad_(False)
    model.classifier.requires_grad_(True)
    convs = [model.features[4]] + ([model.features[0]] if stage == 2 else [])
    for conv in convs if stage >= 1 else []:
        conv.requires_grad_(True)
    model.train()
    for index in (1, 5):
        if not model.features[index - 1].weight.requires_grad:
            model.features[index].eval()


# the reference's schedule, calling this module's set_stage and make_optimizer
train_gradually = types.FunctionType(_schedule.__code__, globals(), "train_gradually",
                                     _schedule.__defaults__)
