"""Mutant: a Poisson-GLM habit: mean = exp(decoder(z)), no softmax and no library size; the
decoder has to learn each cell's depth from z, and the means don't sum to the library."""
import torch

from reference.session08.ex05_scrna_vae import VAE, nb_log_likelihood  # noqa: F401
from reference.session08.ex05_scrna_vae import scrna_vae_loss, train_scrna_vae  # noqa: F401
from reference.session08.ex05_scrna_vae import scRNAVAE as _Reference

CAUGHT_BY = {"means_sum_to_library"}


class scRNAVAE(_Reference):
    def forward(self, counts, library=None, generator=None):
        mu, logvar = self.encode(torch.log1p(counts))
        z = self.reparameterize(mu, logvar, generator) if self.training else mu
        return torch.exp(self.decode(z)), torch.exp(self.log_theta), mu, logvar
