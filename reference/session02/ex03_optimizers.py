"""Reference solution: session 2, exercise 3 (PyTorch optimizers: SGD, momentum, Adam)."""
import torch
from matplotlib import pyplot as plt


def train_with_optimizer(x: torch.Tensor, y: torch.Tensor, optimizer_class, epochs: int = 100,
                         learning_rate: float = 0.1, **optimizer_kwargs):
    weight = torch.randn(1, requires_grad=True)
    bias = torch.randn(1, requires_grad=True)
    optimizer = optimizer_class([weight, bias], lr=learning_rate, **optimizer_kwargs)
    loss_history = []
    for _ in range(epochs):
        predictions = weight * x + bias
        loss = ((predictions - y) ** 2).mean()
        loss_history.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return (weight, bias), loss_history


def _optimizer_runs():
    """(name, optimizer class, extra keyword arguments) of the three compared runs."""
    return (("SGD", torch.optim.SGD, {}),
            ("SGD with momentum", torch.optim.SGD, {"momentum": 0.9}),
            ("Adam", torch.optim.Adam, {}))


def compare_optimizers(x: torch.Tensor, y: torch.Tensor, epochs: int = 100,
                       learning_rate: float = 0.1, seed: int = 0):
    histories = {}
    for name, optimizer_class, kwargs in _optimizer_runs():
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            _, histories[name] = train_with_optimizer(x, y, optimizer_class, epochs,
                                                      learning_rate, **kwargs)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, history in histories.items():
        ax.plot(history, label=name)
    ax.set_xlabel("Epoch")
    ax.set_ylabel("Loss (MSE)")
    ax.set_title(f"Optimizers on the TF binding line (learning rate {learning_rate})")
    ax.legend()
    return histories, fig
