"""Reference solution: session 9, exercise 1 (Generator, Discriminator, one D step, one G step).

The D step trains D on real (1) vs detached fakes (0) after zeroing its gradients; the G step
trains G with the non-saturating loss BCE(D(G(z)), 1), steps only G, and clears D's gradients.
"""
import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    """Noise [B, latent_dim] -> profile [B, output_dim] in (-1, 1)."""

    def __init__(self, latent_dim=100, output_dim=200):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(
            nn.Linear(latent_dim, 256), nn.ReLU(),
            nn.Linear(256, 512), nn.ReLU(),
            nn.Linear(512, output_dim), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """Profile [B, input_dim] -> raw logit [B, 1] (no sigmoid)."""

    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(input_dim, 512), nn.LeakyReLU(0.2),
            nn.Linear(512, 256), nn.LeakyReLU(0.2),
            nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x)


def _noise(G, batch_size, device, generator):
    return torch.randn(batch_size, G.latent_dim, generator=generator, device=device)


def discriminator_step(G, D, real, d_optimizer, generator=None):
    """One D update on real vs detached fakes; returns the D loss (a float) before the step."""
    d_optimizer.zero_grad()
    fake = G(_noise(G, real.shape[0], real.device, generator)).detach()
    real_logits, fake_logits = D(real), D(fake)
    d_loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
              + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
    d_loss.backward()
    d_optimizer.step()
    return d_loss.item()


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    """One G update with the non-saturating loss; returns the G loss (a float) before the step."""
    g_optimizer.zero_grad()
    device = next(G.parameters()).device
    logits = D(G(_noise(G, batch_size, device, generator)))
    g_loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
    g_loss.backward()
    g_optimizer.step()
    D.zero_grad()
    return g_loss.item()
