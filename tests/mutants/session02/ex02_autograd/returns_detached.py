"""Mutant: returns weight.detach() and bias.detach(): right values, but no longer the
trained leaves (requires_grad False, .grad None)."""
import torch

CAUGHT_BY = {"leaves", "grad_is_last_step"}


def train_with_autograd(x, y, epochs=100, learning_rate=0.1):
    weight = torch.randn(1, requires_grad=True)
    bias = torch.randn(1, requires_grad=True)
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
    return weight.detach(), bias.detach(), loss_history
