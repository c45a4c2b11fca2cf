"""Mutant: log_theta is a plain tensor attribute with requires_grad, not an nn.Parameter: it
is not registered, so the optimizer never sees it, it is not counted, and .to(device) leaves
it behind."""
import torch

from reference.session08.ex05_scrna_vae import VAE, nb_log_likelihood  # noqa: F401
from reference.session08.ex05_scrna_vae import scrna_vae_loss, train_scrna_vae  # noqa: F401
from reference.session08.ex05_scrna_vae import scRNAVAE as _Reference

CAUGHT_BY = {"param_count", "dispersion_positive", "follows_device"}


class scRNAVAE(_Reference):
    def __init__(self, n_genes=2000, latent_dim=10):
        super().__init__(n_genes, latent_dim)
        del self.log_theta
        self.log_theta = torch.zeros(n_genes, requires_grad=True)
