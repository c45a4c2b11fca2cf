"""Mutant: forward samples z in eval mode too (the guide's forward has no eval branch): eval-mode
outputs are random."""
from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"eval_uses_mean"}


class VAE(_Reference):
    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        z = self.reparameterize(mu, logvar, generator)
        return self.decode(z), mu, logvar
