"""Mutant: the optimizer built inside the epoch loop, so momentum and Adam's running
averages are lost every epoch (plain SGD is unaffected)."""
import torch
from matplotlib import pyplot as plt

CAUGHT_BY = {"comparison", "comparison_trajectories", "optimizer_setup", "train_trajectory"}


def train_with_optimizer(x, y, optimizer_class, epochs=100, learning_rate=0.1, **optimizer_kwargs):
    weight = torch.randn(1, requires_grad=True)
    bias = torch.randn(1, requires_grad=True)
    loss_history = []
    for _ in range(epochs):
        optimizer = optimizer_class([weight, bias], lr=learning_rate, **optimizer_kwargs)
        loss = ((weight * x + bias - y) ** 2).mean()
        loss_history.append(loss.item())
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return (weight, bias), loss_history


def compare_optimizers(x, y, epochs=100, learning_rate=0.1, seed=0):
    histories = {}
    for name, cls, kwargs in (("SGD", torch.optim.SGD, {}), ("SGD with momentum", torch.optim.SGD, {"momentum": 0.9}),
                              ("Adam", torch.optim.Adam, {})):
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            histories[name] = train_with_optimizer(x, y, cls, epochs, learning_rate, **kwargs)[1]
    fig, ax = plt.subplots()
    for name, history in histories.items():
        ax.plot(history, label=name)
    ax.set_xlabel("Epoch")
    ax.set_ylabel("Loss")
    ax.legend()
    return histories, fig
