"""Mutant: the reconstruction term is F.mse_loss(recon, x) with its default reduction="mean" (an
average over the 765 genes too) while the KL is summed over latent dimensions: the KL weighs 765
times too much against the reconstruction, and the posterior collapses."""
import torch
import torch.nn.functional as F

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
            kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)
            loss = F.mse_loss(recon, batch) + beta * kl.mean()
            adam.zero_grad()
            loss.backward()
            adam.step()
    return model.eval()
