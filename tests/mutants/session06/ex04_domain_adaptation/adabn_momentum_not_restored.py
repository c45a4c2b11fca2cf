"""Mutant: momentum is set to None for the pass and never put back, so later training keeps
a cumulative average instead of the layer's own momentum."""
import torch
from torch import nn

from reference.session06.ex04_domain_adaptation import DANN, GradientReversal, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"adabn_statistics"}


def adabn(model, target_x):
    for module in model.modules():
        if isinstance(module, nn.BatchNorm1d):
            module.reset_running_stats()
            module.momentum = None
    model.train()
    with torch.no_grad():
        model(target_x)
    return model.eval()
