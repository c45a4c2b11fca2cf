"""Mutant: every cell in one scatter coloured by its code, with a colour bar instead of one labelled
scatter per cell type: the types cannot be named in a legend."""
import matplotlib.pyplot as plt

from reference.capstone2.ex02_clusters import cluster_cells, heldout_ari, latent_means, train_vae  # noqa: F401

CAUGHT_BY = {"figure_points", "figure_labels"}


def plot_latent(z, labels, names):
    fig, ax = plt.subplots()
    points = ax.scatter(z[:, 0].tolist(), z[:, 1].tolist(), s=8, c=labels.tolist())
    fig.colorbar(points, ax=ax)
    ax.set_xlabel("latent 1")
    ax.set_ylabel("latent 2")
    return fig
