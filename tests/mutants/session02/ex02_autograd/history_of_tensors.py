"""Mutant: the loss tensors appended (with their graphs) instead of loss.item() floats."""
import torch

CAUGHT_BY = {"history", "learns", "train_trajectory"}


def train_with_autograd(x, y, epochs=100, learning_rate=0.1):
    weight = torch.randn(1, requires_grad=True)
    bias = torch.randn(1, requires_grad=True)
    loss_history = []
    for _ in range(epochs):
        loss = ((weight * x + bias - y) ** 2).mean()
        loss_history.append(loss)
        weight.grad = None
        bias.grad = None
        loss.backward()
        with torch.no_grad():
            weight -= learning_rate * weight.grad
            bias -= learning_rate * bias.grad
    return weight, bias, loss_history
