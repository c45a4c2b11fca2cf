"""Mutant: the domain labels are made with torch.zeros / torch.ones and no device, so they
stay on the CPU when the model and the data move."""
import torch
import torch.nn.functional as F

from reference.session06.ex04_domain_adaptation import DANN, GradientReversal, adabn, grad_reverse  # noqa: F401

CAUGHT_BY = {"follows_device"}


def dann_losses(model, source_x, source_y, target_x, lambd):
    class_logits, domain_logits = model(torch.cat([source_x, target_x]), lambd)
    labels = torch.cat([torch.zeros(len(source_x)), torch.ones(len(target_x))])
    return (F.cross_entropy(class_logits[:len(source_x)], source_y),
            F.binary_cross_entropy_with_logits(domain_logits, labels))
