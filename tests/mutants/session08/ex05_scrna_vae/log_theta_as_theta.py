"""Mutant: the parameter log_theta is returned as theta itself (exp forgotten): theta starts
at 0, and any negative value is no dispersion at all."""
from reference.session08.ex05_scrna_vae import VAE, nb_log_likelihood  # noqa: F401
from reference.session08.ex05_scrna_vae import scrna_vae_loss, train_scrna_vae  # noqa: F401
from reference.session08.ex05_scrna_vae import scRNAVAE as _Reference

CAUGHT_BY = {"dispersion_positive", "heldout_nll_falls"}


class scRNAVAE(_Reference):
    def forward(self, counts, library=None, generator=None):
        mean, _, mu, logvar = super().forward(counts, library, generator)
        return mean, self.log_theta, mu, logvar
