"""Mutant: the target data in mini-batches of 8 with momentum=None: running_var becomes the
average of the batches' variances, which misses the spread between batch means."""
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
        for batch in target_x.split(8):
            model(batch)
    for norm, momentum in zip(norms, kept):
        norm.momentum = momentum
    return model.eval()
