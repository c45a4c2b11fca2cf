"""Mutant: AdaBN as one forward pass in train mode with BatchNorm's default momentum 0.1 and
no reset: the running statistics move only 10% of the way to the target's."""
import torch

from reference.session06.ex04_domain_adaptation import DANN, GradientReversal, dann_losses, grad_reverse  # noqa: F401

CAUGHT_BY = {"adabn_statistics", "adaptation_helps"}


def adabn(model, target_x):
    model.train()
    with torch.no_grad():
        model(target_x)
    return model.eval()
