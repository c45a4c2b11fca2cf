"""Mutant: D is frozen for the G step (D.requires_grad_(False), so g_loss.backward() leaves D
alone) and never unfrozen: the next D step has nothing to train (its backward fails)."""
import torch
import torch.nn.functional as F

from reference.session09.ex01_gan_step import Discriminator, Generator, discriminator_step  # noqa: F401

CAUGHT_BY = {"g_step_leaves_d", "clean_gradients"}


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    g_optimizer.zero_grad()
    D.requires_grad_(False)
    device = next(G.parameters()).device
    logits = D(G(torch.randn(batch_size, G.latent_dim, generator=generator, device=device)))
    g_loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
    g_loss.backward()
    g_optimizer.step()
    return g_loss.item()
