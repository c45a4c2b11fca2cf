"""Mutant: scRNAVAE's default latent_dim is VAE's 20, not the guide's 10 (the graders' training
uses the default and expects mu and logvar of width 10)."""
from reference.session08.ex05_scrna_vae import VAE, nb_log_likelihood  # noqa: F401
from reference.session08.ex05_scrna_vae import scrna_vae_loss, train_scrna_vae  # noqa: F401
from reference.session08.ex05_scrna_vae import scRNAVAE as _Reference

CAUGHT_BY = {"param_count", "heldout_nll_falls"}


class scRNAVAE(_Reference):
    def __init__(self, n_genes=2000, latent_dim=20):
        super().__init__(n_genes, latent_dim)
