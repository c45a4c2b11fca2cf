"""Mutant: the course guide's freezing: requires_grad set right and model.train(), but the
frozen blocks' BatchNorm layers stay in train mode, so their running statistics move."""
import types

import torch  # noqa: F401  (the schedule's globals)
import torch.nn.functional as F  # noqa: F401

from reference.session06.ex03_gradual_unfreezing import train_gradually as _schedule
from reference.session06.ex03_gradual_unfreezing import make_optimizer  # noqa: F401

CAUGHT_BY = {"stages", "frozen_stay_put", "unfreezing_order", "defaults"}


def set_stage(model, stage):
    if stage not in (0, 1, 2):
        raise ValueError(stage)
    open_parts = {0: ("classifier.",), 1: ("classifier.", "features.4.", "features.5."), 2: ("",)}[stage]
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith(open_parts)
    model.train()


# the reference's schedule, calling this module's set_stage and make_optimizer
train_gradually = types.FunctionType(_schedule.__code__, globals(), "train_gradually",
                                     _schedule.__defaults__)
