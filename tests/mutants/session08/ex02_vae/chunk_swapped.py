"""Mutant: the encoder's output split the wrong way round: logvar, mu = h.chunk(2, dim=-1)."""
from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"architecture", "eval_uses_mean"}


class VAE(_Reference):
    def encode(self, x):
        logvar, mu = self.encoder(x).chunk(2, dim=-1)
        return mu, logvar
