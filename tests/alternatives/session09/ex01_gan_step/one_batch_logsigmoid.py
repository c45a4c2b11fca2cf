"""Correct alternative: one discriminator call on the real and fake batches concatenated (twice
the mean over 2B equals the sum of the two means when both halves have B rows), the G loss
written as -mean(logsigmoid(logits)) (= BCE with target 1), the latent size read from the first
layer, and D's gradients dropped by setting each .grad to None."""
import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    def __init__(self, latent_dim=100, output_dim=200):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(nn.Linear(latent_dim, 256), nn.ReLU(), nn.Linear(256, 512), nn.ReLU(),
                                 nn.Linear(512, output_dim), nn.Tanh())

    def forward(self, z):
        return self.net.forward(z)


class Discriminator(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(input_dim, 512), nn.LeakyReLU(0.2), nn.Linear(512, 256),
                                 nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, x):
        return self.net.forward(x)


def discriminator_step(G, D, real, d_optimizer, generator=None):
    d_optimizer.zero_grad()
    n = real.shape[0]
    z = torch.randn(n, G.net[0].in_features, generator=generator, device=real.device)
    batch = torch.cat([real, G(z).detach()])
    targets = torch.cat([torch.ones(n, 1, device=real.device), torch.zeros(n, 1, device=real.device)])
    loss = 2 * F.binary_cross_entropy_with_logits(D(batch), targets)
    loss.backward()
    d_optimizer.step()
    return loss.item()


def generator_step(G, D, batch_size, g_optimizer, generator=None):
    g_optimizer.zero_grad()
    weight = G.net[0].weight
    z = torch.randn(batch_size, weight.shape[1], generator=generator, device=weight.device)
    loss = -F.logsigmoid(D(G(z))).mean()
    loss.backward()
    g_optimizer.step()
    for p in D.parameters():
        p.grad = None
    return loss.item()
