"""Mutant: forward samples z = mu + eps * std in eval mode too (no check of self.training):
evaluating, or reconstructing, the same sequence twice gives different logits."""
import torch

from reference.session08.ex06_sequence_vae import SequenceVAE as _Reference
from reference.session08.ex06_sequence_vae import (base_probabilities, reconstruction_log_prob,  # noqa: F401
                                                   sequence_vae_loss, train_sequence_vae)

CAUGHT_BY = {"forward_modes"}


class SequenceVAE(_Reference):
    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return self.decode(mu + eps * torch.exp(logvar / 2)), mu, logvar
