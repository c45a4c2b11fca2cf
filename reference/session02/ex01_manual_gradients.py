"""Reference solution: session 2, exercise 1 (gradient descent with manual gradients)."""
import torch


def linear_model(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    return weight * x + bias


def mse_loss(predictions: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    squared_error = (predictions - targets) ** 2
    return squared_error.mean()


def compute_gradients(x: torch.Tensor, y: torch.Tensor, weight: torch.Tensor,
                      bias: torch.Tensor):
    error = linear_model(x, weight, bias) - y
    weight_grad = (2 * error * x).mean()
    bias_grad = (2 * error).mean()
    return weight_grad, bias_grad


def train_manual_gradient_descent(x: torch.Tensor, y: torch.Tensor, epochs: int = 100,
                                  learning_rate: float = 0.1):
    weight = torch.randn(1)
    bias = torch.randn(1)
    loss_history = []
    for _ in range(epochs):
        loss = mse_loss(linear_model(x, weight, bias), y)
        loss_history.append(loss.item())
        weight_grad, bias_grad = compute_gradients(x, y, weight, bias)
        weight = weight - learning_rate * weight_grad
        bias = bias - learning_rate * bias_grad
    return weight, bias, loss_history
