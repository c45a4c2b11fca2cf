"""Mutant: set_stage only unfreezes (it freezes the trunk at stage 0 alone), as if stages
always came in the order 0, 1, 2: stage 1 after stage 2 leaves the first block trainable."""
import types

import torch  # noqa: F401  (the schedule's globals)
import torch.nn.functional as F  # noqa: F401
from torch import nn

from reference.session06.ex03_gradual_unfreezing import train_gradually as _schedule
from reference.session06.ex03_gradual_unfreezing import make_optimizer  # noqa: F401

CAUGHT_BY = {"stages"}


def set_stage(model, stage):
    if stage not in (0, 1, 2):
        raise ValueError(stage)
    if stage == 0:
        model.features.requires_grad_(False)
    model.classifier.requires_grad_(True)
    if stage >= 1:
        model.features[4].requires_grad_(True)
        model.features[5].requires_grad_(True)
    if stage == 2:
        model.features.requires_grad_(True)
    model.train()
    for m in model.modules():
        if isinstance(m, nn.BatchNorm1d) and not m.weight.requires_grad:
            m.eval()


# the reference's schedule, calling this module's set_stage and make_optimizer
train_gradually = types.FunctionType(_schedule.__code__, globals(), "train_gradually",
                                     _schedule.__defaults__)
