"""Mutant: the axes labelled "z1" and "z2" (the usual names in VAE papers), not as the spec states."""
import matplotlib.pyplot as plt
import torch

from reference.session08.ex03_latent_space import CellVAE, train_cell_vae  # noqa: F401

CAUGHT_BY = {"plot_legend_and_labels"}


def plot_latent(z, labels, cell_types):
    z, labels = torch.as_tensor(z), torch.as_tensor(labels)
    fig, ax = plt.subplots()
    for code in labels.unique().tolist():
        ax.scatter(z[labels == code, 0].numpy(), z[labels == code, 1].numpy(), label=cell_types[code])
    ax.set_xlabel("z1")
    ax.set_ylabel("z2")
    ax.legend()
    return fig
