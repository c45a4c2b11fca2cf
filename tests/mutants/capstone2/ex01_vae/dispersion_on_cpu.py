"""Mutant: the per-gene log-dispersion is a plain tensor attribute, not a registered parameter:
it is never trained and stays on the CPU when the model moves."""
import torch
from torch import nn

from reference.capstone2.ex01_vae import CellVAE as _CellVAE
from reference.capstone2.ex01_vae import gaussian_log_likelihood, kl_to_prior, nb_log_likelihood  # noqa: F401
from reference.capstone2.ex01_vae import negative_elbo  # noqa: F401

CAUGHT_BY = {"follows_device"}


class CellVAE(_CellVAE):
    def __init__(self, n_genes, likelihood="nb"):
        nn.Module.__init__(self)
        n_latent, hidden = 10, 128
        self.n_genes, self.likelihood, self.n_latent = n_genes, likelihood, n_latent
        self.encoder = nn.Sequential(nn.Linear(n_genes, hidden), nn.ReLU(), nn.Linear(hidden, 2 * n_latent))
        self.decoder = nn.Sequential(nn.Linear(n_latent, hidden), nn.ReLU(), nn.Linear(hidden, n_genes))
        self.log_theta = torch.zeros(n_genes)
