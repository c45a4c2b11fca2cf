"""Mutant: the axes swapped, z[:, 1] drawn along x and z[:, 0] along y."""
import matplotlib.pyplot as plt
import torch

from reference.session08.ex03_latent_space import CellVAE, train_cell_vae  # noqa: F401

CAUGHT_BY = {"plot_points"}


def plot_latent(z, labels, cell_types):
    z, labels = torch.as_tensor(z), torch.as_tensor(labels)
    fig, ax = plt.subplots()
    for code in labels.unique().tolist():
        ax.scatter(z[labels == code, 1].numpy(), z[labels == code, 0].numpy(), label=cell_types[code])
    ax.set_xlabel("latent 1")
    ax.set_ylabel("latent 2")
    ax.legend()
    return fig
