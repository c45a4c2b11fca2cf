"""Mutant: the bias drawn before the weight, so a seeded run starts from another line."""
import torch

CAUGHT_BY = {"history", "grad_is_last_step", "train_trajectory"}


def train_with_autograd(x, y, epochs=100, learning_rate=0.1):
    bias = torch.randn(1, requires_grad=True)
    weight = torch.randn(1, requires_grad=True)
    loss_history = []
    for _ in range(epochs):
        loss = ((weight * x + bias - y) ** 2).mean()
        loss_history.append(loss.item())
        weight.grad = None
        bias.grad = None
        loss.backward()
        with torch.no_grad():
            weight -= learning_rate * weight.grad
            bias -= learning_rate * bias.grad
    return weight, bias, loss_history
