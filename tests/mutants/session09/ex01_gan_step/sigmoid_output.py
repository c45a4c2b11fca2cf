"""Mutant: the discriminator ends in a sigmoid (nn.Sigmoid() appended to net, the classic
"D outputs a probability") while the steps still use BCE-with-logits, which applies a second
sigmoid: the logits are squashed into (0, 1) and every loss is wrong."""
from torch import nn

from reference.session09.ex01_gan_step import Generator, discriminator_step, generator_step  # noqa: F401

CAUGHT_BY = {"discriminator_logits", "losses_match_bce"}


class Discriminator(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(input_dim, 512), nn.LeakyReLU(0.2),
            nn.Linear(512, 256), nn.LeakyReLU(0.2),
            nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x).sigmoid()
