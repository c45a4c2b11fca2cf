"""Mutant: nn.LeakyReLU() with its default slope 0.01 instead of the spec's 0.2."""
from torch import nn

from reference.session09.ex01_gan_step import Generator, discriminator_step, generator_step  # noqa: F401

CAUGHT_BY = {"discriminator_logits"}


class Discriminator(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(input_dim, 512), nn.LeakyReLU(),
            nn.Linear(512, 256), nn.LeakyReLU(),
            nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x)
