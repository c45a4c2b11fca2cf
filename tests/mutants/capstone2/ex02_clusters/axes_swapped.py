"""Mutant: the latent figure draws latent 2 across and latent 1 up."""
import matplotlib.pyplot as plt

from reference.capstone2.ex02_clusters import cluster_cells, heldout_ari, latent_means, train_vae  # noqa: F401

CAUGHT_BY = {"figure_points"}


def plot_latent(z, labels, names):
    fig, ax = plt.subplots()
    for code in sorted(set(labels.tolist())):
        rows = labels == code
        ax.scatter(z[rows, 1].tolist(), z[rows, 0].tolist(), s=8, label=names[code])
    ax.set_xlabel("latent 1")
    ax.set_ylabel("latent 2")
    ax.legend()
    return fig
