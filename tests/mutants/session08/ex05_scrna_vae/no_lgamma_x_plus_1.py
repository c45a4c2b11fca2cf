"""Mutant: lgamma(x + 1) is dropped because "it does not depend on the parameters". The
gradients are the same (still a valid training objective), but the result is no longer the
log-probability of the counts, and the loss is no longer the negative ELBO."""
import torch

from reference.session08.ex05_scrna_vae import VAE, scRNAVAE, train_scrna_vae  # noqa: F401

CAUGHT_BY = {"nb_log_likelihood", "scrna_loss"}


def nb_log_likelihood(x, mean, theta):
    log_total = torch.log(theta + mean)
    return (torch.lgamma(x + theta) - torch.lgamma(theta)
            + theta * (torch.log(theta) - log_total) + x * (torch.log(mean) - log_total))


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    reconstruction = -nb_log_likelihood(counts, mean, theta).sum(dim=-1)
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp(), dim=-1)
    return (reconstruction + kl).mean()
