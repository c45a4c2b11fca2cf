"""Mutant: the course guide's start, weights = torch.randn(n, requires_grad=True) * 0.1, is not a
leaf tensor (it is computed from another one): torch.optim.Adam refuses to optimize it."""
import torch
import torch.nn.functional as F

CAUGHT_BY = {"capacity", "overfitting_gap", "stops_after_patience", "best_weights_restored",
             "checkpoint_contents", "resume_equals_uninterrupted", "capacity_trajectory",
             "early_stopping_trajectory"}


def _start(n):
    return torch.randn(n, requires_grad=True) * 0.1, torch.zeros(1, requires_grad=True)


def _loss(x, y, w, b):
    return F.binary_cross_entropy(torch.sigmoid(x @ w + b), y)


def _run(xt, yt, xv, yv, epochs, learning_rate):
    weights, bias = _start(xt.shape[1])
    optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
    train_losses, val_losses = [], []
    for _ in range(epochs):
        loss = _loss(xt, yt, weights, bias)
        train_losses.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            val_losses.append(_loss(xv, yv, weights, bias).item())
    return weights, bias, train_losses, val_losses


def train_with_capacity_control(train_feats, train_labs, val_feats, val_labs, n_params_multiplier=1,
                                epochs=200, learning_rate=0.1):
    k = n_params_multiplier
    xt = torch.cat([train_feats ** p for p in range(1, k + 1)], dim=1)
    xv = torch.cat([val_feats ** p for p in range(1, k + 1)], dim=1)
    return tuple(_run(xt, train_labs, xv, val_labs, epochs, learning_rate)[2:])


def train_with_early_stopping(train_feats, train_labs, val_feats, val_labs, epochs=200, patience=10,
                              learning_rate=0.1):
    weights, bias, train_losses, val_losses = _run(train_feats, train_labs, val_feats, val_labs, epochs,
                                                   learning_rate)
    return weights, bias, train_losses, val_losses, len(val_losses)


def train_with_checkpoints(features, labels, epochs=100, learning_rate=0.1, checkpoint_path=None,
                           resume=False):
    weights, bias, losses, _ = _run(features, labels, features, labels, epochs, learning_rate)
    return weights, bias, losses
