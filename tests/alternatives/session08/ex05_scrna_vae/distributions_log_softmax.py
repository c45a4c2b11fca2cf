"""Correct alternative: the likelihood from torch.distributions (NegativeBinomial with probs =
mean / (mean + theta), the probability of the counted event), the mean through log_softmax and
log(library), the KL from torch.distributions, and training over a DataLoader that shuffles
with the generator."""
import torch
import torch.nn.functional as F
from torch import nn
from torch.distributions import NegativeBinomial, Normal, kl_divergence
from torch.utils.data import DataLoader, TensorDataset


class VAE(nn.Module):
    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__()
        self.latent_dim = latent_dim
        layers = [nn.Linear(input_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, 2 * latent_dim)]
        self.encoder = nn.Sequential(*layers)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim))

    def encode(self, x):
        h = self.encoder(x)
        return h[..., :self.latent_dim], h[..., self.latent_dim:]

    def reparameterize(self, mu, logvar, generator=None):
        std = torch.exp(0.5 * logvar)
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return torch.addcmul(mu, eps, std)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        if not self.training:
            return self.decode(mu), mu, logvar
        return self.decode(self.reparameterize(mu, logvar, generator=generator)), mu, logvar


class scRNAVAE(VAE):
    def __init__(self, n_genes=2000, latent_dim=10):
        super().__init__(n_genes, latent_dim)
        self.encoder = nn.Sequential(
            nn.Linear(n_genes, 1024), nn.BatchNorm1d(1024), nn.ReLU(), nn.Dropout(p=0.2),
            nn.Linear(1024, 256), nn.ReLU(), nn.Linear(256, 2 * latent_dim))
        self.log_theta = nn.Parameter(torch.zeros(n_genes))

    def forward(self, counts, library=None, generator=None):
        log_library = torch.log(counts.sum(dim=1) if library is None else library)
        mu, logvar = self.encode(counts.log1p())
        z = mu if not self.training else self.reparameterize(mu, logvar, generator=generator)
        mean = torch.exp(log_library[:, None] + F.log_softmax(self.decode(z), dim=1))
        return mean, self.log_theta.exp(), mu, logvar


def nb_log_likelihood(x, mean, theta):
    theta = theta.expand_as(mean)
    return NegativeBinomial(total_count=theta, probs=mean / (mean + theta), validate_args=False).log_prob(x)


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    prior = Normal(torch.zeros_like(mu), torch.ones_like(mu))
    kl = kl_divergence(Normal(mu, torch.exp(logvar / 2)), prior).sum(dim=1)
    return torch.mean(kl - nb_log_likelihood(counts, mean, theta).sum(dim=1))


def train_scrna_vae(model, counts, epochs=10, lr=3e-3, batch_size=64, generator=None):
    loader = DataLoader(TensorDataset(counts), batch_size=batch_size, shuffle=True, generator=generator)
    adam = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    model.train()
    for _ in range(epochs):
        losses = []
        for (x,) in loader:
            adam.zero_grad()
            loss = scrna_vae_loss(x, *model(x, generator=generator))
            loss.backward()
            adam.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    model.eval()
    return history
