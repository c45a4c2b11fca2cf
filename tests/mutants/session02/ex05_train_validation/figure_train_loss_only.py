"""Mutant: the figure draws only the training curves; the validation loss and accuracy are missing."""
from matplotlib import pyplot as plt

from reference.session02.ex05_train_validation import split_data, train_with_validation  # noqa: F401

CAUGHT_BY = {"figure"}


def plot_training_curves(train_history, val_history):
    fig, (ax1, ax2) = plt.subplots(1, 2)
    ax1.plot(train_history[0], label="Training")
    ax1.set_xlabel("Epoch")
    ax1.set_ylabel("Loss")
    ax1.legend()
    ax2.plot(train_history[1], label="Training")
    ax2.set_xlabel("Epoch")
    ax2.set_ylabel("Accuracy")
    ax2.legend()
    return fig
