"""Mutant: train's default learning rate is 0.001 where the spec states 0.01."""
from reference.session03.ex01_simple_mlp import SimpleMLP  # noqa: F401
from reference.session03.ex01_simple_mlp import train as _train

CAUGHT_BY = {"train_trajectory"}


def train(model, X, y, epochs=100, lr=0.001):
    return _train(model, X, y, epochs, lr)
