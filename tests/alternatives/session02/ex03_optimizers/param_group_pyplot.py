"""Correct alternative: the parameters in a list handed over as one parameter-group dict,
F.mse_loss, zero_grad() after the step, the runs from a table, fork_rng(devices=[]) and
pyplot-state plotting that returns the current figure."""
import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt


def train_with_optimizer(x, y, optimizer_class, epochs=100, learning_rate=0.1, **optimizer_kwargs):
    params = [torch.randn(1, requires_grad=True) for _ in ("weight", "bias")]
    optimizer = optimizer_class([{"params": params}], lr=learning_rate, **optimizer_kwargs)
    losses = []
    for _ in range(epochs):
        loss = F.mse_loss(params[0] * x + params[1], y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return tuple(params), losses


def _seeded_history(x, y, seed, optimizer_class, epochs, learning_rate, **kwargs):
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return train_with_optimizer(x, y, optimizer_class, epochs=epochs, learning_rate=learning_rate,
                                    **kwargs)[1]


def compare_optimizers(x, y, epochs=100, learning_rate=0.1, seed=0):
    table = [("SGD", torch.optim.SGD, {}),
             ("SGD with momentum", torch.optim.SGD, {"momentum": 0.9}),
             ("Adam", torch.optim.Adam, {})]
    histories = {name: _seeded_history(x, y, seed, cls, epochs, learning_rate, **kw)
                 for name, cls, kw in table}
    fig = plt.figure(figsize=(6, 4))
    for name, losses in histories.items():
        plt.plot(losses, label=name)
    plt.xlabel("epoch")
    plt.ylabel("MSE loss")
    plt.title("SGD vs momentum vs Adam")
    plt.grid(alpha=0.3)
    plt.legend()
    return histories, fig
