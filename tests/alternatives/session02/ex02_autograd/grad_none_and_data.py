"""Correct alternative: the older style: requires_grad_() on plain draws, F.mse_loss,
gradients reset with `.grad = None`, and the step written on `.data`."""
import torch
import torch.nn.functional as F


def train_with_autograd(x, y, epochs=100, learning_rate=0.1):
    w = torch.randn(1).requires_grad_()
    b = torch.randn(1).requires_grad_()
    losses = []
    epoch = 0
    while epoch < epochs:
        loss = F.mse_loss(x * w + b, y)
        losses.append(float(loss.detach()))
        w.grad, b.grad = None, None
        loss.backward()
        w.data -= learning_rate * w.grad
        b.data -= learning_rate * b.grad
        epoch += 1
    return w, b, losses
