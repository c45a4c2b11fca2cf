"""Mutant: the G loss reuses the D step's fake label: BCE(D(G(z)), 0). Minimising it trains G to
look FAKE (it is the minimax loss with the sign the wrong way round)."""
import torch
import torch.nn.functional as F

from reference.session09.ex01_gan_step import Discriminator, Generator, discriminator_step  # noqa: F401

CAUGHT_BY = {"losses_match_bce"}


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    g_optimizer.zero_grad()
    device = next(G.parameters()).device
    logits = D(G(torch.randn(batch_size, G.latent_dim, generator=generator, device=device)))
    g_loss = F.binary_cross_entropy_with_logits(logits, torch.zeros_like(logits))
    g_loss.backward()
    g_optimizer.step()
    D.zero_grad()
    return g_loss.item()
