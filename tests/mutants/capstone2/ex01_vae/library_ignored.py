"""Mutant: the decoder's NB means are the softmax proportions alone, never scaled by the library
size: every cell's expected counts sum to 1 however deeply it was sequenced."""
import torch

from reference.capstone2.ex01_vae import CellVAE as _CellVAE
from reference.capstone2.ex01_vae import gaussian_log_likelihood, kl_to_prior, nb_log_likelihood  # noqa: F401
from reference.capstone2.ex01_vae import negative_elbo  # noqa: F401

CAUGHT_BY = {"interface"}


class CellVAE(_CellVAE):
    def decode(self, z, library=None):
        out = self.decoder(z)
        if self.likelihood == "nb":
            return torch.softmax(out, dim=1)
        return out
