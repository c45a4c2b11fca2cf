"""Mutant: the D loss averaged, (BCE_real + BCE_fake) / 2 (as many tutorials write it), where
the spec says their sum: half the loss, half the gradient."""
import torch
import torch.nn.functional as F

from reference.session09.ex01_gan_step import Discriminator, Generator, generator_step  # noqa: F401

CAUGHT_BY = {"losses_match_bce", "clean_gradients"}


def discriminator_step(G, D, real, d_optimizer, generator=None):
    d_optimizer.zero_grad()
    fake = G(torch.randn(real.shape[0], G.latent_dim, generator=generator, device=real.device)).detach()
    real_logits, fake_logits = D(real), D(fake)
    d_loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
              + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))) / 2
    d_loss.backward()
    d_optimizer.step()
    return d_loss.item()
