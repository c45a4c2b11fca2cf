"""Mutant: the checkpoint's 'epoch' is the 0-based number of the last epoch (one less than
the epochs completed), so a resumed run repeats that epoch."""
import torch
import torch.nn.functional as F

from reference.session02.ex06_early_stopping import (  # noqa: F401
    train_with_capacity_control, train_with_early_stopping)

CAUGHT_BY = {"checkpoint_contents", "resume_equals_uninterrupted"}


def _loss(x, y, w, b):
    return F.binary_cross_entropy(torch.sigmoid(x @ w + b), y)


def train_with_checkpoints(features, labels, epochs=100, learning_rate=0.1, checkpoint_path=None,
                           resume=False):
    if resume:
        checkpoint = torch.load(checkpoint_path)
        weights = checkpoint["weights"].clone().requires_grad_()
        bias = checkpoint["bias"].clone().requires_grad_()
        optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
        optimizer.load_state_dict(checkpoint["optimizer"])
        loss_history = list(checkpoint["loss_history"])
        first = checkpoint["epoch"]
    else:
        weights = (0.1 * torch.randn(features.shape[1])).requires_grad_()
        bias = torch.zeros(1, requires_grad=True)
        optimizer = torch.optim.Adam([weights, bias], lr=learning_rate)
        loss_history, first = [], 0
    for epoch in range(first, epochs):
        loss = _loss(features, labels, weights, bias)
        loss_history.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if checkpoint_path is not None:
            torch.save({"weights": weights.detach().clone(), "bias": bias.detach().clone(),
                        "optimizer": optimizer.state_dict(), "epoch": epoch,
                        "loss_history": list(loss_history)}, checkpoint_path)
    return weights, bias, loss_history
