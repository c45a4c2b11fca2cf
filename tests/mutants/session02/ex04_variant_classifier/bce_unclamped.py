"""Mutant: the BCE formula without the clamp: log(0) = -inf, and 0 * -inf = nan."""
import torch

from reference.session02.ex04_variant_classifier import (  # noqa: F401
    generate_variant_data, logistic_model, train_classifier)

CAUGHT_BY = {"bce"}


def binary_cross_entropy_loss(predictions, targets):
    return -(targets * torch.log(predictions) + (1 - targets) * torch.log(1 - predictions)).mean()
