"""Mutant: a DCGAN-style critic with BatchNorm1d after each hidden Linear: a sample's score then
depends on the rest of its batch (and the parameter count grows)."""
from torch import nn

from reference.session09.ex05_wgan_gp import critic_loss, generator_loss, gradient_penalty, train_wgan_gp  # noqa: F401

CAUGHT_BY = {"param_count", "critic_loss"}


class Critic(nn.Module):
    def __init__(self, input_dim=200):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(input_dim, 512), nn.BatchNorm1d(512), nn.LeakyReLU(0.2),
                                 nn.Linear(512, 256), nn.BatchNorm1d(256), nn.LeakyReLU(0.2),
                                 nn.Linear(256, 1))

    def forward(self, x):
        return self.net(x)
