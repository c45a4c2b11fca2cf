"""Mutant: the original minimax generator loss, minimise mean(log(1 - D(G(z)))), instead of the
non-saturating BCE(D(G(z)), 1): its gradient vanishes when D confidently rejects the fakes."""
import torch

from reference.session09.ex01_gan_step import Discriminator, Generator, discriminator_step  # noqa: F401

CAUGHT_BY = {"losses_match_bce"}


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    g_optimizer.zero_grad()
    device = next(G.parameters()).device
    logits = D(G(torch.randn(batch_size, G.latent_dim, generator=generator, device=device)))
    g_loss = torch.log(1 - torch.sigmoid(logits)).mean()
    g_loss.backward()
    g_optimizer.step()
    D.zero_grad()
    return g_loss.item()
