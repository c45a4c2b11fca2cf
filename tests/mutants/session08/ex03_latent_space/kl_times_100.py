"""Mutant: the KL term is mis-scaled, 100 times too heavy (beta = 1 in the signature, but the loop
multiplies the KL by 100): the posterior collapses towards the prior and mu loses the cell types."""
import torch

from reference.session08.ex03_latent_space import CellVAE, plot_latent  # noqa: F401

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
            reconstruction = (recon - batch).pow(2).sum(dim=1)
            kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)
            loss = (reconstruction + 100 * beta * kl).mean()
            adam.zero_grad()
            loss.backward()
            adam.step()
    return model.eval()
