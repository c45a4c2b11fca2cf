"""Mutant: the D step uses the fakes without .detach() (the guide's `fake = generator(z)` reused
for both losses), so d_loss.backward() runs on into G and fills G's .grad with the gradient of
D's loss: a G update from those would train G to help D."""
import torch
import torch.nn.functional as F

from reference.session09.ex01_gan_step import Discriminator, Generator, generator_step  # noqa: F401

CAUGHT_BY = {"d_step_leaves_g"}


def discriminator_step(G, D, real, d_optimizer, generator=None):
    d_optimizer.zero_grad()
    fake = G(torch.randn(real.shape[0], G.latent_dim, generator=generator, device=real.device))
    real_logits, fake_logits = D(real), D(fake)
    d_loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
              + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    d_loss.backward()
    d_optimizer.step()
    return d_loss.item()
