"""Mutant: train_multitask's default learning rate is 0.01 where the spec states 0.001."""
from reference.session03.ex07_multitask import MultiTaskModel  # noqa: F401
from reference.session03.ex07_multitask import train_multitask as _train

CAUGHT_BY = {"train_trajectory"}


def train_multitask(model, X, y_expr, y_tissue, epochs=100, lr=0.01):
    return _train(model, X, y_expr, y_tissue, epochs, lr)
