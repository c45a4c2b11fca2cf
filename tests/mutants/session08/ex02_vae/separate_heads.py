"""Mutant: separate fc_mu / fc_logvar heads after a shared hidden layer (the same parameter
count, but not the specified encoder = Sequential(Linear, ReLU, Linear(hidden, 2 * latent)))."""
from torch import nn

from reference.session08.ex02_vae import VAE as _Reference
from reference.session08.ex02_vae import kl_divergence, vae_loss  # noqa: F401

CAUGHT_BY = {"architecture", "eval_uses_mean"}


class VAE(_Reference):
    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__(input_dim, latent_dim, hidden_dim)
        self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU())
        self.fc_mu = nn.Linear(hidden_dim, latent_dim)
        self.fc_logvar = nn.Linear(hidden_dim, latent_dim)

    def encode(self, x):
        h = self.encoder(x)
        return self.fc_mu(h), self.fc_logvar(h)

