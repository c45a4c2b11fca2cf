"""Mutant: the two log-ratios of the negative binomial are swapped: theta * log(mean / (theta +
mean)) + x * log(theta / (theta + mean)), i.e. logits = log(theta) - log(mean). A
distribution still (it sums to 1 over x), but its mean is theta^2 / mean, not mean."""
import torch

from reference.session08.ex05_scrna_vae import VAE, scRNAVAE, train_scrna_vae  # noqa: F401

CAUGHT_BY = {"nb_log_likelihood", "scrna_loss"}


def nb_log_likelihood(x, mean, theta):
    log_total = torch.log(theta + mean)
    return (torch.lgamma(x + theta) - torch.lgamma(theta) - torch.lgamma(x + 1)
            + theta * (torch.log(mean) - log_total) + x * (torch.log(theta) - log_total))


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    reconstruction = -nb_log_likelihood(counts, mean, theta).sum(dim=-1)
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
    return (reconstruction + kl).mean()
