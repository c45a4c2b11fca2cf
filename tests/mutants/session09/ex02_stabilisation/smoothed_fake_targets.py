"""Mutant: the smoothing is applied to the wrong side: real targets stay 1 and the fake targets
become smoothing (0.1)."""
import torch
import torch.nn.functional as F

from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    noise_sigma,
    spectral_norm_discriminator,
)

CAUGHT_BY = {"one_sided_smoothing"}


def discriminator_targets(batch_size, smoothing=0.1):
    return torch.ones(batch_size, 1), torch.full((batch_size, 1), smoothing)


# the reference's step, calling this module's functions (as a student's step calls theirs)
def smoothed_discriminator_step(G, D, real, d_optimizer, step, total_steps, smoothing=0.1, sigma_start=0.1,
                                generator=None):
    sigma = noise_sigma(step, total_steps, sigma_start)
    batch = len(real)
    z = torch.randn(batch, G.net[0].in_features, generator=generator, device=real.device)
    with torch.no_grad():
        fake = G(z)
    noisy_real = add_instance_noise(real, sigma, generator)
    noisy_fake = add_instance_noise(fake, sigma, generator)
    real_targets, fake_targets = discriminator_targets(batch, smoothing)
    loss = (F.binary_cross_entropy_with_logits(D(noisy_real), real_targets.to(real.device))
            + F.binary_cross_entropy_with_logits(D(noisy_fake), fake_targets.to(real.device)))
    d_optimizer.zero_grad()
    loss.backward()
    d_optimizer.step()
    return loss.item()
