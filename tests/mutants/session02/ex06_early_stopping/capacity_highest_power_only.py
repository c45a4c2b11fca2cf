"""Mutant: the capacity features are x**k alone instead of all the powers [x, x**2, ..., x**k]."""
import torch
import torch.nn.functional as F

from reference.session02.ex06_early_stopping import (  # noqa: F401
    train_with_checkpoints, train_with_early_stopping)

CAUGHT_BY = {"capacity", "capacity_trajectory"}


def _loss(x, y, w, b):
    return F.binary_cross_entropy(torch.sigmoid(x @ w + b), y)


def train_with_capacity_control(train_feats, train_labs, val_feats, val_labs, n_params_multiplier=1,
                                epochs=200, learning_rate=0.1):
    k = n_params_multiplier
    xt, xv = train_feats ** k, val_feats ** k
    weights = (0.1 * torch.randn(xt.shape[1])).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    train_losses, val_losses = [], []
    for _ in range(epochs):
        loss = _loss(xt, train_labs, weights, bias)
        train_losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            val_losses.append(_loss(xv, val_labs, weights, bias).item())
    return train_losses, val_losses
