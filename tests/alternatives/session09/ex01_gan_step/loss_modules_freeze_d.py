"""Correct alternative: layers listed then unpacked into nn.Sequential, nn.BCEWithLogitsLoss
modules with torch.full targets, fakes made under torch.no_grad(), and a G step that freezes D
with requires_grad_(False), restores it, and zeroes D's gradients in place (set_to_none=False)."""
import torch
from torch import nn

_criterion = nn.BCEWithLogitsLoss()


class Generator(nn.Module):
    def __init__(self, latent_dim=100, output_dim=200):
        super().__init__()
        self.latent_dim = latent_dim
        layers = []
        for fan_in, fan_out in ((latent_dim, 256), (256, 512)):
            layers += [nn.Linear(fan_in, fan_out), nn.ReLU()]
        layers += [nn.Linear(512, output_dim), nn.Tanh()]
        self.net = nn.Sequential(*layers)

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        layers = []
        for fan_in, fan_out in ((input_dim, 512), (512, 256)):
            layers += [nn.Linear(fan_in, fan_out), nn.LeakyReLU(negative_slope=0.2)]
        self.net = nn.Sequential(*layers, nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x)


def _labels(logits, value):
    return torch.full(logits.shape, value, dtype=logits.dtype, device=logits.device)


def discriminator_step(G, D, real, d_optimizer, generator=None):
    d_optimizer.zero_grad(set_to_none=True)
    z = torch.randn(real.size(0), G.latent_dim, generator=generator, device=real.device)
    with torch.no_grad():
        fake = G(z)
    on_real, on_fake = D(real), D(fake)
    loss = _criterion(on_real, _labels(on_real, 1.0)) + _criterion(on_fake, _labels(on_fake, 0.0))
    loss.backward()
    d_optimizer.step()
    return float(loss.detach())


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    device = next(G.parameters()).device
    g_optimizer.zero_grad(set_to_none=True)
    trainable = [p.requires_grad for p in D.parameters()]
    D.requires_grad_(False)
    try:
        z = torch.randn(batch_size, G.latent_dim, generator=generator, device=device)
        on_fake = D(G(z))
        loss = _criterion(on_fake, _labels(on_fake, 1.0))
        loss.backward()
        g_optimizer.step()
    finally:
        for p, flag in zip(D.parameters(), trainable):
            p.requires_grad_(flag)
    D.zero_grad(set_to_none=False)
    return float(loss.detach())
