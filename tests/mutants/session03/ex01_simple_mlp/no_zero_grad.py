"""Mutant: train never zeroes the gradients, so they pile up across epochs."""
import torch
from torch import nn

from reference.session03.ex01_simple_mlp import SimpleMLP  # noqa: F401

CAUGHT_BY = {"train_trajectory"}


def train(model, X, y, epochs=100, lr=0.01):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = nn.MSELoss()(model(X).squeeze(), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
