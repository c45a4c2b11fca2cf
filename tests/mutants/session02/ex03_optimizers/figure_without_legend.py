"""Mutant: the lines are labelled but ax.legend() is never called, so the figure shows no legend."""
import torch
from matplotlib import pyplot as plt

from reference.session02.ex03_optimizers import train_with_optimizer

CAUGHT_BY = {"figure"}


def compare_optimizers(x, y, epochs=100, learning_rate=0.1, seed=0):
    runs = {"SGD": (torch.optim.SGD, {}), "SGD with momentum": (torch.optim.SGD, {"momentum": 0.9}),
            "Adam": (torch.optim.Adam, {})}
    histories = {}
    for name, (cls, kwargs) in runs.items():
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            histories[name] = train_with_optimizer(x, y, cls, epochs, learning_rate, **kwargs)[1]
    fig, ax = plt.subplots()
    for name, history in histories.items():
        ax.plot(history, label=name)
    ax.set_xlabel("Epoch")
    ax.set_ylabel("Loss")
    return histories, fig
