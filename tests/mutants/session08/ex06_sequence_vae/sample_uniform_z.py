"""Mutant: sample draws z with torch.rand (uniform on [0, 1)) instead of torch.randn (the prior
N(0, I)): the decoder only ever sees one corner of the latent space."""
import torch
import torch.nn.functional as F

from reference.session08.ex06_sequence_vae import SequenceVAE as _Reference
from reference.session08.ex06_sequence_vae import (base_probabilities, reconstruction_log_prob,  # noqa: F401
                                                   sequence_vae_loss, train_sequence_vae)

CAUGHT_BY = {"prior_composition"}


class SequenceVAE(_Reference):
    @torch.no_grad()
    def sample(self, n, generator=None):
        weight = self.decoder[0].weight
        z = torch.rand((n, self.latent_dim), generator=generator, dtype=weight.dtype, device=weight.device)
        probs = base_probabilities(self.decode(z)).transpose(1, 2).reshape(-1, 4)
        bases = torch.multinomial(probs, 1, generator=generator).view(n, self.seq_len)
        return F.one_hot(bases, 4).transpose(1, 2).float()
