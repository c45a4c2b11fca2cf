"""Mutant: `weight = weight - learning_rate * weight.grad` inside torch.no_grad(): the new
tensors don't require grad, so the next backward() raises (1 epoch returns them)."""
import torch

CAUGHT_BY = {"history", "leaves", "grad_is_last_step", "learns", "train_trajectory"}


def train_with_autograd(x, y, epochs=100, learning_rate=0.1):
    weight = torch.randn(1, requires_grad=True)
    bias = torch.randn(1, requires_grad=True)
    loss_history = []
    for _ in range(epochs):
        loss = ((weight * x + bias - y) ** 2).mean()
        loss_history.append(loss.item())
        weight.grad = None
        bias.grad = None
        loss.backward()
        with torch.no_grad():
            weight = weight - learning_rate * weight.grad
            bias = bias - learning_rate * bias.grad
    return weight, bias, loss_history
