"""Mutant: compute_gradients calls backward(), which fails on tensors that don't require grad."""
import torch

from reference.session02.ex01_manual_gradients import linear_model, mse_loss, train_manual_gradient_descent  # noqa: F401

CAUGHT_BY = {"gradients"}


def compute_gradients(x, y, weight, bias):
    weight = weight.clone().requires_grad_()
    bias = bias.clone().requires_grad_()
    loss = ((weight * x + bias - y) ** 2).mean()
    loss.backward()
    return weight.grad, bias.grad
