"""Mutant: one scatter of every cell coloured by c=labels, with a legend built from its colours
(legend_elements) and named by cell_types: the legend reads right, but the points of all types are one
collection, labelled by none of them."""
import matplotlib.pyplot as plt
import numpy as np
import torch

from reference.session08.ex03_latent_space import CellVAE, train_cell_vae  # noqa: F401

CAUGHT_BY = {"plot_points", "plot_legend_and_labels"}


def plot_latent(z, labels, cell_types):
    z = torch.as_tensor(z).detach().cpu().numpy()
    labels = np.asarray(torch.as_tensor(labels).cpu())
    fig, ax = plt.subplots()
    points = ax.scatter(z[:, 0], z[:, 1], c=labels, cmap="tab10", s=8)
    handles, _ = points.legend_elements()
    ax.legend(handles, [cell_types[c] for c in np.unique(labels)])
    ax.set_xlabel("latent 1")
    ax.set_ylabel("latent 2")
    return fig
