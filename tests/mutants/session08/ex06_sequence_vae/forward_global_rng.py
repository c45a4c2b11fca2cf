"""Mutant: the course guide's reparameterize: eps = torch.randn_like(std), from torch's global
generator, ignoring the generator forward is given: training is not reproducible from a
generator and the global random state moves."""
import torch

from reference.session08.ex06_sequence_vae import SequenceVAE as _Reference
from reference.session08.ex06_sequence_vae import (base_probabilities, reconstruction_log_prob,  # noqa: F401
                                                   sequence_vae_loss, train_sequence_vae)

CAUGHT_BY = {"forward_modes", "reconstructs_bases"}


class SequenceVAE(_Reference):
    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        if not self.training:
            return self.decode(mu), mu, logvar
        std = torch.exp(0.5 * logvar)
        return self.decode(mu + torch.randn_like(std) * std), mu, logvar
