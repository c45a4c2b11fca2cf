"""Mutant: resets the statistics and sets momentum=None but runs the pass in eval mode (the
mode pretrained_model() comes in), so nothing is collected: the reset values (0, 1) stay."""
import torch
from torch import nn

from reference.session06.ex04_domain_adaptation import DANN, GradientReversal, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"adabn_statistics", "adaptation_helps"}


def adabn(model, target_x):
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm1d)]
    kept = [m.momentum for m in norms]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None
    with torch.no_grad():
        model(target_x)
    for norm, momentum in zip(norms, kept):
        norm.momentum = momentum
    return model.eval()
