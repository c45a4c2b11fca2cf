"""Mutant: one Axes with the two loss curves; the accuracy panel is missing."""
from matplotlib import pyplot as plt

from reference.session02.ex05_train_validation import split_data, train_with_validation  # noqa: F401

CAUGHT_BY = {"figure"}


def plot_training_curves(train_history, val_history):
    fig, ax = plt.subplots()
    ax.plot(train_history[0], label="Training loss")
    ax.plot(val_history[0], label="Validation loss")
    ax.set_xlabel("Epoch")
    ax.set_ylabel("Loss")
    ax.legend()
    return fig
