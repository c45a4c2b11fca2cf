"""Reference solution: session 8, exercise 5 (scRNAVAE: a negative-binomial likelihood with library sizes)."""
import torch
from torch import nn


class VAE(nn.Module):
    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim))

    def encode(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=-1)
        return mu, logvar

    def reparameterize(self, mu, logvar, generator=None):
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return mu + eps * torch.exp(logvar / 2)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x, generator=None):
        stats = self.encode(x)
        z = self.reparameterize(*stats, generator) if self.training else stats[0]
        return (self.decode(z), *stats)


class scRNAVAE(VAE):
    def __init__(self, n_genes=2000, latent_dim=10):
        super().__init__(n_genes, latent_dim)
        self.encoder = nn.Sequential(
            nn.Linear(n_genes, 1024), nn.BatchNorm1d(1024), nn.ReLU(), nn.Dropout(0.2),
            nn.Linear(1024, 256), nn.ReLU(), nn.Linear(256, latent_dim * 2))
        self.log_theta = nn.Parameter(torch.zeros(n_genes))

    def forward(self, counts, library=None, generator=None):
        if library is None:
            library = counts.sum(dim=-1)
        mu, logvar = self.encode(torch.log1p(counts))
        z = self.reparameterize(mu, logvar, generator) if self.training else mu
        mean = library.unsqueeze(-1) * torch.softmax(self.decode(z), dim=-1)
        return mean, torch.exp(self.log_theta), mu, logvar


def nb_log_likelihood(x, mean, theta):
    log_total = torch.log(theta + mean)
    return (torch.lgamma(x + theta) - torch.lgamma(theta) - torch.lgamma(x + 1)
            + theta * (torch.log(theta) - log_total) + x * (torch.log(mean) - log_total))


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    reconstruction = -nb_log_likelihood(counts, mean, theta).sum(dim=-1)
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
    return (reconstruction + kl).mean()


def train_scrna_vae(model, counts, epochs=10, lr=3e-3, batch_size=64, generator=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    history = []
    for _ in range(epochs):
        order = torch.randperm(counts.shape[0], generator=generator)
        total, seen = 0.0, 0
        for batch in torch.split(order, batch_size):
            x = counts[batch]
            loss = scrna_vae_loss(x, *model(x, generator=generator))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
            seen += len(batch)
        history.append(total / seen)
    model.eval()
    return history
