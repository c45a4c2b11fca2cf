"""Mutant: the course guide's reduction='sum': the loss is summed over the batch instead of
averaged, so it grows with the batch size (and so does the effective learning rate)."""
import torch

from reference.session08.ex05_scrna_vae import VAE, nb_log_likelihood, scRNAVAE, train_scrna_vae  # noqa: F401

CAUGHT_BY = {"scrna_loss"}


def scrna_vae_loss(counts, mean, theta, mu, logvar):
    reconstruction = -nb_log_likelihood(counts, mean, theta).sum()
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return reconstruction + kl
