"""Mutant: records the loss re-computed after the step, not the loss before it."""
import torch
from torch import nn

from reference.session03.ex01_simple_mlp import SimpleMLP  # noqa: F401

CAUGHT_BY = {"train_history", "train_trajectory"}


def train(model, X, y, epochs=100, lr=0.01):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = nn.MSELoss()(model(X).squeeze(), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            losses.append(nn.MSELoss()(model(X).squeeze(), y).item())
    return losses
