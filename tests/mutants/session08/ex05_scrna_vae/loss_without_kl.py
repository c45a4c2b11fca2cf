"""Mutant: the KL term is left out: a plain (negative-binomial) autoencoder loss, not the
negative ELBO of a VAE."""
from reference.session08.ex05_scrna_vae import VAE, nb_log_likelihood, scRNAVAE, train_scrna_vae  # noqa: F401

CAUGHT_BY = {"scrna_loss"}


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    return -nb_log_likelihood(counts, mean, theta).sum(dim=-1).mean()
