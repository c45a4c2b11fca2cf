"""Mutant: the start scaled after drawing (`torch.randn(1, requires_grad=True) * 1.0`): a
non-leaf whose .grad stays None, so the first step fails."""
import torch

CAUGHT_BY = {"history", "leaves", "grad_is_last_step", "learns", "train_trajectory"}


def train_with_autograd(x, y, epochs=100, learning_rate=0.1):
    weight = torch.randn(1, requires_grad=True) * 1.0
    bias = torch.randn(1, requires_grad=True) * 1.0
    loss_history = []
    for _ in range(epochs):
        loss = ((weight * x + bias - y) ** 2).mean()
        loss_history.append(loss.item())
        if weight.grad is not None:
            weight.grad.zero_()
        if bias.grad is not None:
            bias.grad.zero_()
        loss.backward()
        with torch.no_grad():
            weight -= learning_rate * weight.grad
            bias -= learning_rate * bias.grad
    return weight, bias, loss_history
