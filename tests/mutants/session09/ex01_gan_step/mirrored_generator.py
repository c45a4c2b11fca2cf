"""Mutant: the generator's hidden layers mirror the discriminator's (512 then 256) instead of
256 then 512: it still runs, with the wrong size."""
from torch import nn

from reference.session09.ex01_gan_step import Discriminator, discriminator_step, generator_step  # noqa: F401

CAUGHT_BY = {"param_count"}


class Generator(nn.Module):
    def __init__(self, latent_dim=100, output_dim=200):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(
            nn.Linear(latent_dim, 512), nn.ReLU(),
            nn.Linear(512, 256), nn.ReLU(),
            nn.Linear(256, output_dim), nn.Tanh())

    def forward(self, z):
        return self.net(z)
