"""Mutant: the bias gradient multiplied by x as well, copied from the weight's."""
import torch

from reference.session02.ex01_manual_gradients import linear_model, mse_loss  # noqa: F401

CAUGHT_BY = {"gradients", "train_trajectory"}


def compute_gradients(x, y, weight, bias):
    error = weight * x + bias - y
    return (2 * error * x).mean(), (2 * error * x).mean()


def train_manual_gradient_descent(x, y, epochs=100, learning_rate=0.1):
    weight, bias = torch.randn(1), torch.randn(1)
    history = []
    for _ in range(epochs):
        history.append(mse_loss(linear_model(x, weight, bias), y).item())
        weight_grad, bias_grad = compute_gradients(x, y, weight, bias)
        weight, bias = weight - learning_rate * weight_grad, bias - learning_rate * bias_grad
    return weight, bias, history
