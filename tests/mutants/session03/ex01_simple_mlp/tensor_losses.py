"""Mutant: returns the loss tensors themselves instead of Python floats."""
import torch
from torch import nn

from reference.session03.ex01_simple_mlp import SimpleMLP  # noqa: F401

CAUGHT_BY = {"train_history"}


def train(model, X, y, epochs=100, lr=0.01):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = nn.MSELoss()(model(X).squeeze(), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.detach())
    return losses
