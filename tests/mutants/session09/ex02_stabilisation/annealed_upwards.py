"""Mutant: the annealing runs the wrong way: sigma grows from 0 to start (start * step / total_steps),
so training starts without noise, when D needs it most."""
import torch
import torch.nn.functional as F

from reference.session09.ex02_stabilisation import (  # noqa: F401
    Discriminator,
    add_instance_noise,
    discriminator_targets,
    spectral_norm_discriminator,
)

CAUGHT_BY = {"noise_annealing", "instance_noise"}


def noise_sigma(step, total_steps, start=0.1):
    return start * min(1.0, step / total_steps)


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
