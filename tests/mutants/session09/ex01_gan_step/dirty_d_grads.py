"""Mutant: the G step leaves the gradients its backward put into D's .grad (no D.zero_grad()):
the D step zeroes first, so it still trains right, but the spec's G step leaves D clean."""
import torch
import torch.nn.functional as F

from reference.session09.ex01_gan_step import Discriminator, Generator, discriminator_step  # noqa: F401

CAUGHT_BY = {"clean_gradients"}


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    g_optimizer.zero_grad()
    device = next(G.parameters()).device
    logits = D(G(torch.randn(batch_size, G.latent_dim, generator=generator, device=device)))
    g_loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
    g_loss.backward()
    g_optimizer.step()
    return g_loss.item()
