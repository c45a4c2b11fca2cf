"""Reference solution: capstone 2, module 2 (training in a budget, latent means, k-means clusters, ARI on
held-out cells, the latent figure)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402


def train_vae(model, loss_fn, x, library=None, steps=300, batch_size=128, lr=3e-3, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    losses = []
    for _step in range(steps):
        idx = torch.randint(0, x.shape[0], (batch_size,), generator=generator)
        loss = loss_fn(model, x[idx], None if library is None else library[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


@torch.no_grad()
def latent_means(model, x):
    was_training = model.training
    model.eval()
    mu, _ = model.encode(x)
    model.train(was_training)
    return mu


def cluster_cells(z, n_clusters, seed=0):
    found = KMeans(n_clusters=n_clusters, n_init=10, random_state=seed).fit_predict(z.detach().cpu().numpy())
    return torch.as_tensor(found, dtype=torch.int64)


def heldout_ari(model, loss_fn, x, library, labels, train_idx, test_idx, n_clusters, generator=None):
    train_idx, test_idx = torch.as_tensor(train_idx), torch.as_tensor(test_idx)
    train_library = None if library is None else library[train_idx]
    train_vae(model, loss_fn, x[train_idx], train_library, generator=generator)
    clusters = cluster_cells(latent_means(model, x[test_idx]), n_clusters)
    return float(adjusted_rand_score(labels[test_idx].numpy(), clusters.numpy())), clusters


def plot_latent(z, labels, names):
    fig, ax = plt.subplots()
    for code in sorted(set(labels.tolist())):
        chosen = labels == code
        ax.scatter(z[chosen, 0].tolist(), z[chosen, 1].tolist(), s=8, label=names[code])
    ax.set_xlabel("latent 1")
    ax.set_ylabel("latent 2")
    ax.legend()
    return fig
