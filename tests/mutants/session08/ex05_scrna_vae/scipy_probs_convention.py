"""Mutant: scipy's convention carried into torch: scipy.stats.nbinom(n=theta, p=theta / (theta
+ mean)) is right, but torch.distributions.NegativeBinomial's probs is the probability of the
event that is COUNTED, mean / (theta + mean). Passing theta / (theta + mean) as probs models
counts with mean theta^2 / mean."""
import torch
from torch.distributions import NegativeBinomial

from reference.session08.ex05_scrna_vae import VAE, scRNAVAE, train_scrna_vae  # noqa: F401

CAUGHT_BY = {"nb_log_likelihood", "scrna_loss"}


def nb_log_likelihood(x, mean, theta):
    theta = theta.expand_as(mean)
    return NegativeBinomial(total_count=theta, probs=theta / (theta + mean), validate_args=False).log_prob(x)


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    reconstruction = -nb_log_likelihood(counts, mean, theta).sum(dim=-1)
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
    return (reconstruction + kl).mean()
