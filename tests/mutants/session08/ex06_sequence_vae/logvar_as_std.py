"""Mutant: logvar is used as if it were the standard deviation (z = mu + eps * logvar), not the
log variance (std = exp(logvar / 2))."""
import torch

from reference.session08.ex06_sequence_vae import SequenceVAE as _Reference
from reference.session08.ex06_sequence_vae import (base_probabilities, reconstruction_log_prob,  # noqa: F401
                                                   sequence_vae_loss, train_sequence_vae)

CAUGHT_BY = {"forward_modes"}


class SequenceVAE(_Reference):
    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        if not self.training:
            return self.decode(mu), mu, logvar
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return self.decode(mu + eps * logvar), mu, logvar
