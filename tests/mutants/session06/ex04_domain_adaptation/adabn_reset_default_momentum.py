"""Mutant: reset_running_stats() then one pass with the default momentum 0.1: the statistics
end 10% of the way from (0, 1) to the target's, worse than no adaptation."""
import torch
from torch import nn

from reference.session06.ex04_domain_adaptation import DANN, GradientReversal, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"adabn_statistics", "adaptation_helps"}


def adabn(model, target_x):
    for module in model.modules():
        if isinstance(module, nn.BatchNorm1d):
            module.reset_running_stats()
    model.train()
    with torch.no_grad():
        model(target_x)
    return model.eval()
