"""Mutant: dann_losses runs the model twice, on source_x and on target_x separately, so
BatchNorm normalises each domain with its own batch statistics."""
import torch
import torch.nn.functional as F

from reference.session06.ex04_domain_adaptation import DANN, GradientReversal, adabn, grad_reverse  # noqa: F401

CAUGHT_BY = {"dann_gradients"}


def dann_losses(model, source_x, source_y, target_x, lambd):
    class_logits, source_domain = model(source_x, lambd)
    _, target_domain = model(target_x, lambd)
    logits = torch.cat([source_domain, target_domain])
    labels = torch.cat([torch.zeros_like(source_domain), torch.ones_like(target_domain)])
    return F.cross_entropy(class_logits, source_y), F.binary_cross_entropy_with_logits(logits, labels)
