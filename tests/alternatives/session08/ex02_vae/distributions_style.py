"""Alternative: layers built from a list, torch.tensor_split, the sample written as a hand-made
rsample of Normal(mu, std) (loc + scale * eps), the KL from torch.distributions, and the batch
mean written as a total divided by the batch size."""
import torch
from torch import nn
from torch.distributions import Normal
from torch.distributions import kl_divergence as _kl


def _mlp(sizes):
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(n_in, n_out), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


class VAE(nn.Module):
    def __init__(self, input_dim=1000, latent_dim=20, hidden_dim=400):
        super().__init__()
        self.encoder = _mlp([input_dim, hidden_dim, 2 * latent_dim])
        self.decoder = _mlp([latent_dim, hidden_dim, input_dim])

    def encode(self, x):
        mu, logvar = torch.tensor_split(self.encoder(x), 2, dim=-1)
        return mu, logvar

    def reparameterize(self, mu, logvar, generator=None):
        q = Normal(mu, torch.exp(logvar / 2), validate_args=False)
        eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
        return q.loc + q.scale * eps

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        z = mu
        if self.training:
            z = self.reparameterize(mu, logvar, generator)
        return self.decode(z), mu, logvar


def kl_divergence(mu, logvar):
    q = Normal(mu, torch.exp(0.5 * logvar), validate_args=False)
    prior = Normal(torch.zeros_like(mu), torch.ones_like(mu), validate_args=False)
    return _kl(q, prior).sum(dim=-1)


def vae_loss(recon_x, x, mu, logvar):
    diff = recon_x - x
    total = torch.einsum("bg,bg->", diff, diff) + kl_divergence(mu, logvar).sum()
    return total / x.shape[0]
