"""Mutant: the statistics measured with forward hooks and copied in by hand, with the biased
variance (divided by n) where BatchNorm stores the unbiased one (n - 1)."""
import torch
from torch import nn

from reference.session06.ex04_domain_adaptation import DANN, GradientReversal, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"adabn_statistics"}


def adabn(model, target_x):
    seen = {}
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm1d)]
    hooks = [n.register_forward_pre_hook(lambda mod, args: seen.__setitem__(mod, args[0])) for n in norms]
    model.train()
    with torch.no_grad():
        model(target_x)
        for norm in norms:
            norm.running_mean.copy_(seen[norm].mean(dim=(0, 2)))
            norm.running_var.copy_(seen[norm].var(dim=(0, 2), unbiased=False))
    for h in hooks:
        h.remove()
    return model.eval()
