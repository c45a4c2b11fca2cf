"""Mutant: one dispersion shared by all genes (log_theta of shape [1]) instead of one per
gene: a housekeeping gene and a bursty transcription factor get the same overdispersion."""
import torch
from torch import nn

from reference.session08.ex05_scrna_vae import VAE, nb_log_likelihood  # noqa: F401
from reference.session08.ex05_scrna_vae import scrna_vae_loss, train_scrna_vae  # noqa: F401
from reference.session08.ex05_scrna_vae import scRNAVAE as _Reference

CAUGHT_BY = {"param_count", "dispersion_positive"}


class scRNAVAE(_Reference):
    def __init__(self, n_genes=2000, latent_dim=10):
        super().__init__(n_genes, latent_dim)
        self.log_theta = nn.Parameter(torch.zeros(1))
