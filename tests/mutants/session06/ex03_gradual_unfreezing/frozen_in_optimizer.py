"""Mutant: the trunk group holds every parameter of model.features, frozen ones included:
with a zeroed (not None) gradient, weight decay and momentum still move them."""
import torch

from reference.session06.ex03_gradual_unfreezing import set_stage, train_gradually  # noqa: F401

CAUGHT_BY = {"param_groups", "frozen_stay_put"}


def make_optimizer(model, head_lr=1e-3, trunk_lr=1e-4, momentum=0.9, weight_decay=1e-4):
    groups = [{"params": list(model.classifier.parameters()), "lr": head_lr},
              {"params": list(model.features.parameters()), "lr": trunk_lr}]
    return torch.optim.SGD(groups, lr=head_lr, momentum=momentum, weight_decay=weight_decay)
