"""Mutant: the generator without its final Tanh: its profiles are not bounded to [-1, 1], the
range of the scaled real data."""
from torch import nn

from reference.session09.ex01_gan_step import Discriminator, discriminator_step, generator_step  # noqa: F401

CAUGHT_BY = {"losses_match_bce", "clean_gradients"}


class Generator(nn.Module):
    def __init__(self, latent_dim=100, output_dim=200):
        super().__init__()
        self.latent_dim = latent_dim
        self.net = nn.Sequential(
            nn.Linear(latent_dim, 256), nn.ReLU(),
            nn.Linear(256, 512), nn.ReLU(),
            nn.Linear(512, output_dim))

    def forward(self, z):
        return self.net(z)
