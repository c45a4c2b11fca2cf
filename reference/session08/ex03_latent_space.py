"""Reference solution: session 8, exercise 3 (the latent space of real blood cells).

CellVAE (a Gaussian-mean VAE for scaled expression) with deterministic embeddings and
seeded samples, its training on the pbmc68k cells, and a latent scatter by cell type.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402


class CellVAE(nn.Module):
    """Encoder x -> (mu, logvar), decoder z -> mean expression; [B, n_genes] -> [B, n_genes]."""

    def __init__(self, n_genes=765, latent_dim=10, hidden_dim=128):
        super().__init__()
        self.n_genes, self.latent_dim = n_genes, latent_dim
        self.encoder = nn.Sequential(nn.Linear(n_genes, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, n_genes))

    def encode(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=-1)
        return mu, logvar

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x, generator=None):
        mean, log_variance = self.encode(x)
        z = mean
        if self.training:
            noise = torch.randn(mean.shape, generator=generator, dtype=mean.dtype, device=mean.device)
            z = mean + noise * (0.5 * log_variance).exp()
        return self.decode(z), mean, log_variance

    def embed(self, x):
        was_training = self.training
        self.eval()
        try:
            with torch.no_grad():
                mu, _ = self.encode(x)
        finally:
            self.train(was_training)
        return mu

    def sample(self, n, generator=None):
        weight = self.decoder[0].weight
        with torch.no_grad():
            z = torch.randn(n, self.latent_dim, generator=generator, dtype=weight.dtype, device=weight.device)
            return self.decode(z)


def _loss(recon, x, mu, logvar, beta):
    """Batch mean of (squared error summed over genes + beta * KL summed over latent dimensions)."""
    reconstruction = (recon - x).pow(2).sum(dim=1)
    kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)
    return (reconstruction + beta * kl).mean()


def train_cell_vae(x, latent_dim=10, epochs=10, lr=1e-3, batch_size=64, beta=1.0, seed=0):
    generator = torch.Generator()
    generator.manual_seed(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = CellVAE(x.shape[1], latent_dim)
    adam = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(x.shape[0], generator=generator)
        for start in range(0, x.shape[0], batch_size):
            batch = x[order[start:start + batch_size]]
            recon, mu, logvar = model(batch, generator=generator)
            loss = _loss(recon, batch, mu, logvar, beta)
            adam.zero_grad()
            loss.backward()
            adam.step()
    return model.eval()


def plot_latent(z, labels, cell_types):
    z = torch.as_tensor(z).detach().cpu().float()
    labels = torch.as_tensor(labels).cpu()
    fig, ax = plt.subplots(figsize=(6, 5))
    for code in labels.unique().tolist():
        points = z[labels == code]
        ax.scatter(points[:, 0].numpy(), points[:, 1].numpy(), s=8, label=cell_types[code])
    ax.set_xlabel("latent 1")
    ax.set_ylabel("latent 2")
    ax.legend(fontsize="small", markerscale=2)
    return fig
