"""Mutant: z is sampled in eval mode too, so the latent means are never used and encodings and
reconstructions change from call to call."""
import torch

from reference.capstone2.ex01_vae import CellVAE as _CellVAE
from reference.capstone2.ex01_vae import gaussian_log_likelihood, kl_to_prior, nb_log_likelihood  # noqa: F401
from reference.capstone2.ex01_vae import negative_elbo  # noqa: F401

CAUGHT_BY = {"interface"}


class CellVAE(_CellVAE):
    def forward(self, x, library=None):
        if library is None and self.likelihood == "nb":
            library = x.sum(dim=1)
        mu, logvar = self.encode(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decode(z, library), mu, logvar
