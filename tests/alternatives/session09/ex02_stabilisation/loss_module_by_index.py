"""Correct alternative: nn.BCEWithLogitsLoss as a module, targets with torch.full for both sides
(fake filled with 0.0), the noise sigma from a clamp on a tensor turned back into a float, the
fake batch generated under torch.no_grad(), and spectral norm applied to D.net's Linear layers by
index (replacing nothing: the parametrization is registered on the layers themselves)."""
import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm


class Discriminator(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        layers = []
        for n_in, n_out in ((input_dim, 512), (512, 256)):
            layers += [nn.Linear(n_in, n_out), nn.LeakyReLU(0.2)]
        self.net = nn.Sequential(*layers, nn.Linear(256, 1))

    def forward(self, x):
        logits = self.net(x)
        return logits


def discriminator_targets(batch_size, smoothing=0.1):
    real = torch.full((batch_size, 1), 1.0 - smoothing, dtype=torch.float32)
    fake = torch.full((batch_size, 1), 0.0, dtype=torch.float32)
    return (real, fake)


def add_instance_noise(x, sigma, generator=None):
    if sigma == 0:
        return x
    eps = torch.randn(x.shape, generator=generator, dtype=x.dtype, device=x.device)
    return x + eps * sigma


def noise_sigma(step, total_steps, start=0.1):
    remaining = torch.tensor(1.0 - step / total_steps, dtype=torch.float64).clamp(min=0.0)
    return start * remaining.item()


_criterion = nn.BCEWithLogitsLoss()


def smoothed_discriminator_step(G, D, real, d_optimizer, step, total_steps, smoothing=0.1, sigma_start=0.1,
                                generator=None):
    batch_size = real.size(0)
    sigma = noise_sigma(step, total_steps, sigma_start)
    z = torch.randn(batch_size, G.net[0].in_features, generator=generator, device=real.device)
    with torch.no_grad():
        fake = G(z)
    real_in = add_instance_noise(real, sigma, generator=generator)
    fake_in = add_instance_noise(fake, sigma, generator=generator)
    real_targets, fake_targets = discriminator_targets(batch_size, smoothing=smoothing)
    d_optimizer.zero_grad()
    d_loss = _criterion(D(real_in), real_targets.to(real.device))
    d_loss = d_loss + _criterion(D(fake_in), fake_targets.to(real.device))
    d_loss.backward()
    d_optimizer.step()
    return d_loss.item()


def spectral_norm_discriminator(D):
    for index, layer in enumerate(D.net):
        if isinstance(layer, nn.Linear):
            spectral_norm(D.net[index])
    return D
