"""Correct alternative: the training loop written with an explicit step counter and set_to_none
gradients, latent means through a context manager that restores the mode, k-means through
sklearn's KMeans object kept for its labels_, and the figure drawn with plt.subplots keyword
arguments and a scatter per type built from boolean masks in numpy."""
import contextlib

import numpy as np
import torch
from matplotlib.figure import Figure
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score


def train_vae(model, loss_fn, x, library=None, steps=300, batch_size=128, lr=3e-3, generator=None):
    model.train()
    adam = torch.optim.Adam(model.parameters(), lr=lr)
    history, step = [], 0
    while step < steps:
        batch = torch.randint(0, len(x), (batch_size,), generator=generator)
        value = loss_fn(model, x[batch], library[batch] if library is not None else None)
        adam.zero_grad(set_to_none=True)
        value.backward()
        adam.step()
        history.append(float(value.detach()))
        step += 1
    return history


@contextlib.contextmanager
def _evaluating(model):
    mode = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(mode)


def latent_means(model, x):
    with _evaluating(model), torch.no_grad():
        return model.encode(x)[0]


def cluster_cells(z, n_clusters, seed=0):
    km = KMeans(n_clusters=n_clusters, n_init=10, random_state=seed)
    km.fit(np.asarray(z.detach().cpu()))
    return torch.from_numpy(km.labels_.astype(np.int64))


def heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None):
    train_rows, test_rows = torch.tensor(list(train_idx)), torch.tensor(list(test_idx))
    train_vae(model, loss_fn, x[train_rows], library=None if library is None else library[train_rows],
              generator=generator)
    found = cluster_cells(latent_means(model, x[test_rows]), n_clusters, seed=0)
    return adjusted_rand_score(labels[test_rows].tolist(), found.tolist()) * 1.0, found


def plot_latent(z, labels, names):
    fig = Figure()
    ax = fig.add_subplot()
    points, codes = z.detach().cpu().numpy(), labels.cpu().numpy()
    for code in np.unique(codes):
        mask = codes == code
        ax.scatter(points[mask, 0], points[mask, 1], s=6, alpha=0.8, label=names[int(code)])
    ax.set(xlabel="latent 1", ylabel="latent 2")
    ax.legend(loc="best")
    return fig
