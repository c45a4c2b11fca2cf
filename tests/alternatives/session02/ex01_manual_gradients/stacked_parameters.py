"""Correct alternative: weight and bias stacked in one parameter vector, updated together;
the gradient from the normal-equation form 2/N * A^T (A theta - y)."""
import torch


def linear_model(x, weight, bias):
    return torch.stack([x, torch.ones_like(x)], dim=1) @ torch.cat([weight.reshape(1), bias.reshape(1)])


def mse_loss(predictions, targets):
    return torch.mean(torch.square(predictions - targets))


def compute_gradients(x, y, weight, bias):
    design = torch.stack([x, torch.ones_like(x)], dim=1)
    theta = torch.cat([weight.reshape(1), bias.reshape(1)])
    gradient = 2 * design.T @ (design @ theta - y) / len(x)
    return gradient[0], gradient[1]


def train_manual_gradient_descent(x, y, epochs=100, learning_rate=0.1):
    theta = torch.cat([torch.randn(1), torch.randn(1)])
    history = []
    for _ in range(epochs):
        history.append(mse_loss(linear_model(x, theta[:1], theta[1:]), y).item())
        grad_w, grad_b = compute_gradients(x, y, theta[:1], theta[1:])
        theta = theta - learning_rate * torch.stack([grad_w, grad_b])
    return theta[:1], theta[1:], history
