"""Mutant: torch.optim.Adam with the two groups (as the course guide fine-tunes), not SGD."""
import types

import torch  # noqa: F401  (the schedule's globals)
import torch.nn.functional as F  # noqa: F401

from reference.session06.ex03_gradual_unfreezing import train_gradually as _schedule
from reference.session06.ex03_gradual_unfreezing import set_stage  # noqa: F401

CAUGHT_BY = {"param_groups", "defaults", "unfreezing_order"}


def make_optimizer(model, head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, weight_decay=1e-4):
    head = [p for p in model.classifier.parameters() if p.requires_grad]
    trunk = [p for p in model.features.parameters() if p.requires_grad]
    groups = [{"params": head, "lr": head_lr}] + ([{"params": trunk, "lr": trunk_lr}] if trunk else [])
    return torch.optim.Adam(groups, lr=head_lr, betas=(momentum, 0.999), weight_decay=weight_decay)


# the reference's schedule, calling this module's set_stage and make_optimizer
train_gradually = types.FunctionType(_schedule.__code__, globals(), "train_gradually",
                                     _schedule.__defaults__)
