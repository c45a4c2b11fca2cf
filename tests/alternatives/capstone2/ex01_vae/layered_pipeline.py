"""Correct alternative: a deeper VAE (two hidden layers with LayerNorm and SiLU, 16 latent dimensions,
one linear head per statistic), the dispersion through softplus instead of exp, the NB log-probability
written with torch.distributions (logits = log(mean) - log(theta)) and the KL term from
torch.distributions.kl_divergence."""
import torch
import torch.nn.functional as F
from torch import nn
from torch.distributions import NegativeBinomial, Normal, kl_divergence


class CellVAE(nn.Module):
    def __init__(self, n_genes, likelihood="nb", n_latent=16, width=96):
        super().__init__()
        self.n_genes, self.likelihood, self.n_latent = n_genes, likelihood, n_latent
        self.body = nn.Sequential(nn.Linear(n_genes, width), nn.LayerNorm(width), nn.SiLU(),
                                  nn.Linear(width, width), nn.SiLU())
        self.to_mu, self.to_logvar = nn.Linear(width, n_latent), nn.Linear(width, n_latent)
        self.generator_net = nn.Sequential(nn.Linear(n_latent, width), nn.SiLU(), nn.Linear(width, n_genes))
        self.raw_dispersion = nn.Parameter(torch.full((n_genes,), 0.5413))  # softplus(0.5413) = 1

    def encode(self, x):
        h = self.body(x.log1p() if self.likelihood == "nb" else x)
        return self.to_mu(h), self.to_logvar(h)

    def decode(self, z, library=None):
        logits = self.generator_net(z)
        return library[:, None] * logits.softmax(dim=-1) if self.likelihood == "nb" else logits

    def dispersion(self):
        return F.softplus(self.raw_dispersion)

    def forward(self, x, library=None):
        library = x.sum(dim=1) if (library is None and self.likelihood == "nb") else library
        mu, logvar = self.encode(x)
        if self.training:
            mu_used = mu + torch.randn_like(mu) * (logvar / 2).exp()
        else:
            mu_used = mu
        return self.decode(mu_used, library), mu, logvar


def kl_to_prior(mu, logvar):
    posterior = Normal(mu, torch.exp(0.5 * logvar))
    return kl_divergence(posterior, Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum(-1)


def nb_log_likelihood(x, mean, theta):
    theta = theta.expand_as(mean)
    return NegativeBinomial(total_count=theta, logits=mean.log() - theta.log()).log_prob(x).sum(-1)


def gaussian_log_likelihood(x, mean, scale):
    return Normal(mean, scale.expand_as(mean)).log_prob(x).sum(-1)


def negative_elbo(model, x, library=None):
    mean, mu, logvar = model(x, library)
    fit = nb_log_likelihood if model.likelihood == "nb" else gaussian_log_likelihood
    return torch.mean(kl_to_prior(mu, logvar) - fit(x, mean, model.dispersion()))
