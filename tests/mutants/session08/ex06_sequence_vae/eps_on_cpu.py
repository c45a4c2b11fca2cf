"""Mutant: eps and the prior's z are created with torch.randn(shape, generator=generator) and no
device=: on a GPU (or any other device) they stay on the CPU and the model cannot run there."""
import torch
import torch.nn.functional as F

from reference.session08.ex06_sequence_vae import SequenceVAE as _Reference
from reference.session08.ex06_sequence_vae import (base_probabilities, reconstruction_log_prob,  # noqa: F401
                                                   sequence_vae_loss, train_sequence_vae)

CAUGHT_BY = {"follows_device"}


class SequenceVAE(_Reference):
    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        if not self.training:
            return self.decode(mu), mu, logvar
        eps = torch.randn(mu.shape, generator=generator)
        return self.decode(mu + eps * torch.exp(logvar / 2)), mu, logvar

    @torch.no_grad()
    def sample(self, n, generator=None):
        z = torch.randn((n, self.latent_dim), generator=generator)
        probs = base_probabilities(self.decode(z)).transpose(1, 2).reshape(-1, 4)
        bases = torch.multinomial(probs, 1, generator=generator).view(n, self.seq_len)
        return F.one_hot(bases, 4).transpose(1, 2).float()
