"""Mutant: the statistics are right, but the model is returned in train mode, so it keeps
normalising with each batch's own statistics instead of the new running ones."""
import torch
from torch import nn

from reference.session06.ex04_domain_adaptation import DANN, GradientReversal, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"adabn_statistics"}


def adabn(model, target_x):
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm1d)]
    kept = [m.momentum for m in norms]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None
    model.train()
    with torch.no_grad():
        model(target_x)
    for norm, momentum in zip(norms, kept):
        norm.momentum = momentum
    return model
