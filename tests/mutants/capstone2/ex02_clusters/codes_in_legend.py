"""Mutant: the legend shows the type codes (0, 1, ...) instead of the cell types' names."""
import matplotlib.pyplot as plt

from reference.capstone2.ex02_clusters import cluster_cells, heldout_ari, latent_means, train_vae  # noqa: F401

CAUGHT_BY = {"figure_labels"}


def plot_latent(z, labels, names):
    fig, ax = plt.subplots()
    for code in sorted(set(labels.tolist())):
        rows = labels == code
        ax.scatter(z[rows, 0].tolist(), z[rows, 1].tolist(), s=8, label=str(code))
    ax.set_xlabel("latent 1")
    ax.set_ylabel("latent 2")
    ax.legend()
    return fig
