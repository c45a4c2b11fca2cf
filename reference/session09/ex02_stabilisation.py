"""Reference solution: session 9, exercise 2 (stabilising GANs: one-sided label smoothing,
annealed instance noise, spectral normalisation)."""
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm


class Discriminator(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(input_dim, 512),
            nn.LeakyReLU(0.2),
            nn.Linear(512, 256),
            nn.LeakyReLU(0.2),
            nn.Linear(256, 1),
        )

    def forward(self, x):
        return self.net(x)


def discriminator_targets(batch_size, smoothing=0.1):
    real = torch.full((batch_size, 1), 1.0 - smoothing)
    fake = torch.zeros(batch_size, 1)
    return real, fake


def add_instance_noise(x, sigma, generator=None):
    if sigma == 0:
        return x
    return x + sigma * torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)


def noise_sigma(step, total_steps, start=0.1):
    return start * max(0.0, 1.0 - step / total_steps)


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


def spectral_norm_discriminator(D):
    for module in list(D.modules()):
        if isinstance(module, nn.Linear):
            spectral_norm(module)
    return D
