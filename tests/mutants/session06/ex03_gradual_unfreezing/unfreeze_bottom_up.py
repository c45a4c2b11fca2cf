"""Mutant: unfreezes from the bottom up: stage 1 opens the first conv block (features[0],
features[1]) instead of the block next to the head."""
import types

import torch  # noqa: F401  (the schedule's globals)
import torch.nn.functional as F  # noqa: F401
from torch import nn

from reference.session06.ex03_gradual_unfreezing import train_gradually as _schedule
from reference.session06.ex03_gradual_unfreezing import make_optimizer  # noqa: F401

CAUGHT_BY = {"stages", "frozen_stay_put", "unfreezing_order"}


def set_stage(model, stage):
    if stage not in (0, 1, 2):
        raise ValueError(stage)
    model.requires_grad_(False)
    model.train()
    parts = [model.classifier]
    if stage >= 1:
        parts += [model.features[0], model.features[1]]
    if stage >= 2:
        parts += [model.features[4], model.features[5]]
    for part in parts:
        part.requires_grad_(True)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm1d) and not m.weight.requires_grad:
            m.eval()


# the reference's schedule, calling this module's set_stage and make_optimizer
train_gradually = types.FunctionType(_schedule.__code__, globals(), "train_gradually",
                                     _schedule.__defaults__)
