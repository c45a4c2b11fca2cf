"""Correct alternative: the Discriminator's net built from an OrderedDict, targets from ones/zeros
arithmetic, the BCE-with-logits written out with softplus (t * softplus(-z) + (1 - t) * softplus(z)),
D called ONCE on the concatenated noisy batch and its logits split, the noise added with torch.add(...,
alpha=sigma), the schedule from min(step, total_steps), and spectral norm applied while walking
named_modules."""
from collections import OrderedDict

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import parametrizations


class Discriminator(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential(OrderedDict([
            ("fc1", nn.Linear(input_dim, 512)), ("act1", nn.LeakyReLU(negative_slope=0.2)),
            ("fc2", nn.Linear(512, 256)), ("act2", nn.LeakyReLU(negative_slope=0.2)),
            ("out", nn.Linear(256, 1)),
        ]))

    def forward(self, x):
        return self.net(x)


def discriminator_targets(batch_size, smoothing=0.1):
    ones = torch.ones(batch_size, 1, dtype=torch.float32)
    return ones * (1 - smoothing), ones * 0


def add_instance_noise(x, sigma, generator=None):
    if not sigma:
        return x
    noise = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
    return torch.add(x, noise, alpha=sigma)


def noise_sigma(step, total_steps, start=0.1):
    fraction = min(step, total_steps) / total_steps
    return float(start * (1 - fraction))


def _bce_with_logits(logits, targets):
    return (targets * F.softplus(-logits) + (1 - targets) * F.softplus(logits)).mean()


def smoothed_discriminator_step(G, D, real, d_optimizer, step, total_steps, smoothing=0.1, sigma_start=0.1,
                                generator=None):
    n = len(real)
    sigma = noise_sigma(step, total_steps, start=sigma_start)
    latent = G.net[0].in_features
    fake = G(torch.randn(n, latent, generator=generator, device=real.device)).detach()
    noisy_real = add_instance_noise(real, sigma, generator)
    batch = torch.cat([noisy_real, add_instance_noise(fake, sigma, generator)])
    logits = D(batch)
    real_t, fake_t = (t.to(real.device) for t in discriminator_targets(n, smoothing))
    loss = _bce_with_logits(logits[:n], real_t) + _bce_with_logits(logits[n:], fake_t)
    d_optimizer.zero_grad(set_to_none=True)
    loss.backward()
    d_optimizer.step()
    return float(loss.detach())


def spectral_norm_discriminator(D):
    linears = [name for name, m in D.named_modules() if isinstance(m, nn.Linear)]
    for name in linears:
        parametrizations.spectral_norm(D.get_submodule(name), name="weight")
    return D
