"""Mutant: the two learning rates swapped: the head trains at trunk_lr, the trunk at head_lr."""
import types

import torch  # noqa: F401  (the schedule's globals)
import torch.nn.functional as F  # noqa: F401

from reference.session06.ex03_gradual_unfreezing import train_gradually as _schedule
from reference.session06.ex03_gradual_unfreezing import set_stage  # noqa: F401

CAUGHT_BY = {"param_groups", "defaults", "unfreezing_order"}


def make_optimizer(model, head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, weight_decay=1e-4):
    head = [p for p in model.classifier.parameters() if p.requires_grad]
    trunk = [p for p in model.features.parameters() if p.requires_grad]
    groups = [{"params": head, "lr": trunk_lr}]
    if trunk:
        groups.append({"params": trunk, "lr": head_lr})
    return torch.optim.SGD(groups, lr=head_lr, momentum=momentum, weight_decay=weight_decay)


# the reference's schedule, calling this module's set_stage and make_optimizer
train_gradually = types.FunctionType(_schedule.__code__, globals(), "train_gradually",
                                     _schedule.__defaults__)
