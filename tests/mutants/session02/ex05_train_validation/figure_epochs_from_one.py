"""Mutant: the curves are drawn against epochs 1 .. E instead of 0 .. E - 1."""
from matplotlib import pyplot as plt

from reference.session02.ex05_train_validation import split_data, train_with_validation  # noqa: F401

CAUGHT_BY = {"figure"}


def plot_training_curves(train_history, val_history):
    fig, axes = plt.subplots(1, 2)
    epochs = range(1, len(train_history[0]) + 1)
    for ax, index, name in zip(axes, (0, 1), ("Loss", "Accuracy")):
        ax.plot(epochs, train_history[index], label="Training")
        ax.plot(epochs, val_history[index], label="Validation")
        ax.set_xlabel("Epoch")
        ax.set_ylabel(name)
        ax.legend()
    return fig
