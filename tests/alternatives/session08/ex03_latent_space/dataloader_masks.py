"""Correct alternative: a DataLoader over a TensorDataset (shuffle=True with a seeded generator) and a
loss helper built on torch.distributions' KL; embed through forward in eval mode; the figure made by a
loop over the names of cell_types with boolean masks, from numpy arrays."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.distributions import Normal, kl_divergence  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402


class CellVAE(nn.Module):
    def __init__(self, n_genes=765, latent_dim=10, hidden_dim=128):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(n_genes, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, n_genes))

    def encode(self, x):
        return self.encoder(x).chunk(2, dim=-1)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        z = mu
        if self.training:
            std = (0.5 * logvar).exp()
            z = mu + std * torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return self.decode(z), mu, logvar

    @torch.no_grad()
    def embed(self, x):
        mode = self.training
        self.train(False)
        _, mu, _ = self(x)
        self.train(mode)
        return mu

    @torch.no_grad()
    def sample(self, n, generator=None):
        first = self.decoder[0]
        z = torch.randn(n, first.in_features, generator=generator, dtype=first.weight.dtype,
                        device=first.weight.device)
        return self.decoder(z)


def _elbo_loss(recon, x, mu, logvar, beta):
    posterior = Normal(mu, (0.5 * logvar).exp())
    kl = kl_divergence(posterior, Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum(-1)
    return (((recon - x) ** 2).sum(-1) + beta * kl).mean()


def train_cell_vae(x, latent_dim=10, epochs=10, lr=1e-3, batch_size=64, beta=1.0, seed=0):
    g = torch.Generator().manual_seed(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = CellVAE(n_genes=x.shape[1], latent_dim=latent_dim)
    loader = DataLoader(TensorDataset(x), batch_size=batch_size, shuffle=True, generator=g)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(epochs):
        for (batch,) in loader:
            optimizer.zero_grad()
            recon, mu, logvar = model(batch, generator=g)
            _elbo_loss(recon, batch, mu, logvar, beta).backward()
            optimizer.step()
    model.eval()
    return model


def plot_latent(z, labels, cell_types):
    z = z.detach().cpu().numpy() if isinstance(z, torch.Tensor) else np.asarray(z)
    labels = labels.cpu().numpy() if isinstance(labels, torch.Tensor) else np.asarray(labels)
    fig = plt.figure(figsize=(5, 5))
    ax = fig.add_subplot()
    for code, name in enumerate(cell_types):
        mask = labels == code
        if mask.any():
            ax.scatter(z[mask, 0], z[mask, 1], s=6, alpha=0.8, label=name)
    ax.set_xlabel("latent 1")
    ax.set_ylabel("latent 2")
    ax.legend(loc="best")
    return fig
