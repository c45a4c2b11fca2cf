"""Mutant: sample returns the most probable base at every position (the argmax, the mode of each
categorical) instead of drawing one: samples lose the per-position variability the model learnt."""
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
        z = torch.randn((n, self.latent_dim), generator=generator, dtype=weight.dtype, device=weight.device)
        return F.one_hot(self.decode(z).argmax(dim=1), 4).transpose(1, 2).float()
