"""Mutant: the course guide's decoder, ending in nn.Sigmoid (for data in [0, 1]), kept for scaled
expression (negative values included; BCE then refuses the targets, so the loop uses squared
error): the decoder cannot reach half the values (its negative ELBO stays high); the parameter count is
the same, but the decoder is not Sequential(Linear, ReLU, Linear)."""
import torch
from torch import nn

from reference.session08.ex03_latent_space import CellVAE as _Reference
from reference.session08.ex03_latent_space import _loss
from reference.session08.ex03_latent_space import plot_latent  # noqa: F401

CAUGHT_BY = {"separates_cell_types", "param_count"}


class CellVAE(_Reference):
    def __init__(self, n_genes=765, latent_dim=10, hidden_dim=128):
        super().__init__(n_genes, latent_dim, hidden_dim)
        self.decoder.append(nn.Sigmoid())


def train_cell_vae(x, latent_dim=10, epochs=10, lr=1e-3, batch_size=64, beta=1.0, seed=0):
    generator = torch.Generator().manual_seed(seed)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = CellVAE(x.shape[1], latent_dim)
    adam = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(x.shape[0], generator=generator)
        for start in range(0, x.shape[0], batch_size):
            batch = x[order[start:start + batch_size]]
            recon, mu, logvar = model(batch, generator=generator)
            loss = _loss(recon, batch, mu, logvar, beta)
            adam.zero_grad()
            loss.backward()
            adam.step()
    return model.eval()
