"""Mutant: the squared errors summed, not averaged."""
from reference.session02.ex01_manual_gradients import compute_gradients, linear_model, train_manual_gradient_descent  # noqa: F401

CAUGHT_BY = {"mse_loss"}


def mse_loss(predictions, targets):
    return ((predictions - targets) ** 2).sum()
