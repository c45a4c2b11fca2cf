"""Mutant: latent_dim defaults to 10 (the guide's scRNAVAE) instead of 20."""
from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"param_count"}


class VAE(_Reference):
    def __init__(self, input_dim=1000, latent_dim=10, hidden_dim=400):
        super().__init__(input_dim, latent_dim, hidden_dim)
