"""Alternative: layers listed once and unpacked into nn.Sequential, the shuffled indices
cut with torch.split, Adam built from a parameter list, numpy for the bookkeeping."""
import numpy as np
import torch
from torch import nn


class Autoencoder(nn.Module):
    def __init__(self, input_dim=200, latent_dim=5, hidden_dim=64, linear=False):
        super().__init__()
        if linear:
            encoder_layers = [nn.Linear(input_dim, latent_dim)]
            decoder_layers = [nn.Linear(latent_dim, input_dim)]
        else:
            encoder_layers = [nn.Linear(input_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, latent_dim)]
            decoder_layers = [nn.Linear(latent_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, input_dim)]
        self.encoder = encoder_layers[0] if linear else nn.Sequential(*encoder_layers)
        self.decoder = decoder_layers[0] if linear else nn.Sequential(*decoder_layers)

    def encode(self, x):
        return self.encoder(x)

    def decode(self, z):
        return self.decoder(z)

    def forward(self, x):
        return self.decoder(self.encoder(x))


def train_autoencoder(model, x, epochs=50, lr=0.03, batch_size=64, generator=None):
    model.train()
    params = list(model.parameters())
    opt = torch.optim.Adam(params, lr=lr)
    losses = []
    for _ in range(epochs):
        permutation = torch.randperm(len(x), generator=generator)
        errors, sizes = [], []
        for idx in torch.split(permutation, batch_size):
            xb = x[idx]
            opt.zero_grad(set_to_none=True)
            loss = ((model(xb) - xb) ** 2).mean()
            loss.backward()
            opt.step()
            errors.append(loss.item())
            sizes.append(len(idx))
        losses.append(float(np.dot(errors, sizes) / np.sum(sizes)))
    model.eval()
    return losses


def reconstruction_error(model, x):
    model.eval()
    with torch.no_grad():
        diff = model(x) - x
    return diff.pow(2).mean().item()
