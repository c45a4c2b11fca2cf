"""Mutant: the loop computes the loss and its gradients but never calls adam.step() (only
zero_grad and backward): the returned model is its random initialisation."""
import torch

from reference.session08.ex03_latent_space import CellVAE, _loss, plot_latent  # noqa: F401

CAUGHT_BY = {"separates_cell_types"}


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
            adam.zero_grad()
            _loss(recon, batch, mu, logvar, beta).backward()
    return model.eval()
