"""Mutant: the step never anneals: it noises with sigma_start at every step (noise_sigma is
written but not used)."""
import torch
import torch.nn.functional as F

from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    discriminator_targets,
    noise_sigma,
    spectral_norm_discriminator,
)

CAUGHT_BY = {"noise_annealing"}


def smoothed_discriminator_step(G, D, real, d_optimizer, step, total_steps, smoothing=0.1, sigma_start=0.1,
                                generator=None):
    sigma = sigma_start
    z = torch.randn(real.shape[0], G.net[0].in_features, generator=generator, device=real.device)
    fake = G(z).detach()
    real_t, fake_t = discriminator_targets(real.shape[0], smoothing)
    loss = (F.binary_cross_entropy_with_logits(D(add_instance_noise(real, sigma, generator)), real_t)
            + F.binary_cross_entropy_with_logits(D(add_instance_noise(fake, sigma, generator)), fake_t))
    d_optimizer.zero_grad()
    loss.backward()
    d_optimizer.step()
    return loss.item()
