"""Mutant: plain SGD instead of Adam; far too slow at lr=0.01."""
import torch
from torch import nn

from reference.session03.ex01_simple_mlp import SimpleMLP  # noqa: F401

CAUGHT_BY = {"learns", "train_trajectory"}


def train(model, X, y, epochs=100, lr=0.01):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        loss = nn.MSELoss()(model(X).squeeze(), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
