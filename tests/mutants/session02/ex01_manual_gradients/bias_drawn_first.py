"""Mutant: the bias drawn before the weight, so a seeded run starts from another line."""
import torch

from reference.session02.ex01_manual_gradients import compute_gradients, linear_model, mse_loss  # noqa: F401

CAUGHT_BY = {"history", "train_trajectory"}


def train_manual_gradient_descent(x, y, epochs=100, learning_rate=0.1):
    bias = torch.randn(1)
    weight = torch.randn(1)
    history = []
    for _ in range(epochs):
        history.append(mse_loss(linear_model(x, weight, bias), y).item())
        weight_grad, bias_grad = compute_gradients(x, y, weight, bias)
        weight, bias = weight - learning_rate * weight_grad, bias - learning_rate * bias_grad
    return weight, bias, history
