"""Reference solution: capstone 2, module 1 (a VAE for cells: negative-binomial or Gaussian likelihood)."""
import torch
from torch import nn


class CellVAE(nn.Module):
    def __init__(self, n_genes, likelihood="nb"):
        super().__init__()
        n_latent, hidden = 10, 128
        self.n_genes, self.likelihood, self.n_latent = n_genes, likelihood, n_latent
        self.encoder = nn.Sequential(nn.Linear(n_genes, hidden), nn.ReLU(), nn.Linear(hidden, 2 * n_latent))
        self.decoder = nn.Sequential(nn.Linear(n_latent, hidden), nn.ReLU(), nn.Linear(hidden, n_genes))
        self.log_theta = nn.Parameter(torch.zeros(n_genes))

    def encode(self, x):
        features = torch.log1p(x) if self.likelihood == "nb" else x
        mu, logvar = self.encoder(features).chunk(2, dim=1)
        return mu, logvar

    def decode(self, z, library=None):
        out = self.decoder(z)
        return torch.softmax(out, dim=1) * library[:, None] if self.likelihood == "nb" else out

    def dispersion(self):
        return torch.exp(self.log_theta)

    def forward(self, x, library=None):
        if library is None and self.likelihood == "nb":
            library = x.sum(dim=1)
        posterior_mean, posterior_logvar = self.encode(x)
        z = posterior_mean
        if self.training:
            z = posterior_mean + torch.randn_like(posterior_mean) * torch.exp(0.5 * posterior_logvar)
        return self.decode(z, library), posterior_mean, posterior_logvar


def kl_to_prior(mu, logvar):
    return 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(dim=1)


def nb_log_likelihood(x, mean, theta):
    log_total = torch.log(theta + mean)
    return (torch.lgamma(x + theta) - torch.lgamma(theta) - torch.lgamma(x + 1)
            + theta * (torch.log(theta) - log_total) + x * (torch.log(mean) - log_total)).sum(dim=1)


def gaussian_log_likelihood(x, mean, scale):
    return torch.distributions.Normal(mean, scale).log_prob(x).sum(dim=1)


def negative_elbo(model, x, library=None):
    mean, mu, logvar = model(x, library)
    fit = nb_log_likelihood if model.likelihood == "nb" else gaussian_log_likelihood
    return (kl_to_prior(mu, logvar) - fit(x, mean, model.dispersion())).mean()
