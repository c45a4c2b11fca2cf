"""Mutant: torch's own binary_cross_entropy without the stated clamp: finite, but a confident
wrong prediction costs 100 (torch's floor on the log), not -log(1e-7)."""
import torch.nn.functional as F

from reference.session02.ex04_variant_classifier import (  # noqa: F401
    generate_variant_data, logistic_model, train_classifier)

CAUGHT_BY = {"bce"}


def binary_cross_entropy_loss(predictions, targets):
    return F.binary_cross_entropy(predictions, targets)
