"""Mutant: the notebook habit, plt.show() at the end and nothing returned (None)."""
import matplotlib.pyplot as plt
import torch

from reference.session08.ex03_latent_space import CellVAE, train_cell_vae  # noqa: F401

CAUGHT_BY = {"plot_points", "plot_legend_and_labels"}


def plot_latent(z, labels, cell_types):
    z, labels = torch.as_tensor(z), torch.as_tensor(labels)
    plt.figure()
    for code in labels.unique().tolist():
        plt.scatter(z[labels == code, 0].numpy(), z[labels == code, 1].numpy(), label=cell_types[code])
    plt.xlabel("latent 1")
    plt.ylabel("latent 2")
    plt.legend()
    plt.show()
