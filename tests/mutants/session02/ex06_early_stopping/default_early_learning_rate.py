"""Mutant: train_with_early_stopping's default learning rate is 0.01 instead of 0.1."""
import torch
import torch.nn.functional as F

from reference.session02.ex06_early_stopping import (  # noqa: F401
    train_with_capacity_control, train_with_checkpoints)

CAUGHT_BY = {"stops_after_patience", "best_weights_restored", "early_stopping_trajectory"}


def _loss(x, y, w, b):
    return F.binary_cross_entropy(torch.sigmoid(x @ w + b), y)


def train_with_early_stopping(train_feats, train_labs, val_feats, val_labs, epochs=200, patience=10,
                              learning_rate=0.01):
    weights = (0.1 * torch.randn(train_feats.shape[1])).requires_grad_()
    bias = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    best_val, best_w, best_b, waited = float("inf"), None, None, 0
    train_losses, val_losses = [], []
    for _ in range(epochs):
        loss = _loss(train_feats, train_labs, weights, bias)
        train_losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            val_loss = _loss(val_feats, val_labs, weights, bias).item()
        val_losses.append(val_loss)
        if val_loss < best_val:
            best_val, best_w, best_b, waited = val_loss, weights.detach().clone(), bias.detach().clone(), 0
        else:
            waited += 1
        if waited >= patience:
            break
    return best_w, best_b, train_losses, val_losses, len(val_losses)
