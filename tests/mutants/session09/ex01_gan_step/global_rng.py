"""Mutant: the guide's `z = torch.randn(batch_size, latent_dim)` kept in both steps: the
generator argument is ignored, the noise comes from (and advances) the global random state."""
import torch
import torch.nn.functional as F

from reference.session09.ex01_gan_step import Discriminator, Generator  # noqa: F401

CAUGHT_BY = {"losses_match_bce"}


def discriminator_step(G, D, real, d_optimizer, generator=None):
    d_optimizer.zero_grad()
    fake = G(torch.randn(real.shape[0], G.latent_dim, device=real.device)).detach()
    real_logits, fake_logits = D(real), D(fake)
    d_loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
              + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    d_loss.backward()
    d_optimizer.step()
    return d_loss.item()


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    g_optimizer.zero_grad()
    logits = D(G(torch.randn(batch_size, G.latent_dim, device=next(G.parameters()).device)))
    g_loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
    g_loss.backward()
    g_optimizer.step()
    D.zero_grad()
    return g_loss.item()
