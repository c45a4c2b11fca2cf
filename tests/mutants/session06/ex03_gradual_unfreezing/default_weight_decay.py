"""Mutant: make_optimizer's default weight_decay is 0.0 (the spec says 1e-4)."""
import torch

from reference.session06.ex03_gradual_unfreezing import set_stage, train_gradually  # noqa: F401

CAUGHT_BY = {"defaults"}


def make_optimizer(model, head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, weight_decay=0.0):
    head = [p for p in model.classifier.parameters() if p.requires_grad]
    trunk = [p for p in model.features.parameters() if p.requires_grad]
    groups = [{"params": head, "lr": head_lr}] + ([{"params": trunk, "lr": trunk_lr}] if trunk else [])
    return torch.optim.SGD(groups, lr=head_lr, momentum=momentum, weight_decay=weight_decay)
