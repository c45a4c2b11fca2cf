"""Mutant: the labels are swapped: the training curve is labelled 'Validation' and the other way round."""
from matplotlib import pyplot as plt

from reference.session02.ex05_train_validation import split_data, train_with_validation  # noqa: F401

CAUGHT_BY = {"figure"}


def plot_training_curves(train_history, val_history):
    fig, axes = plt.subplots(1, 2)
    for ax, index, name in zip(axes, (0, 1), ("Loss", "Accuracy")):
        ax.plot(val_history[index], label="Training")
        ax.plot(train_history[index], label="Validation")
        ax.set_xlabel("Epoch")
        ax.set_ylabel(name)
        ax.legend()
    return fig
