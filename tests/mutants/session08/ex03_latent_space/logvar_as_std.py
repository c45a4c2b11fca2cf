"""Mutant: the encoder's second half is used as the standard deviation itself, z = mu + eps * logvar,
while the KL term still reads it as a log-variance (its minimum, logvar = 0, then means no noise at
all): the latent space it trains is not the VAE's."""
import torch

from reference.session08.ex03_latent_space import CellVAE as _Reference
from reference.session08.ex03_latent_space import _loss
from reference.session08.ex03_latent_space import plot_latent  # noqa: F401

CAUGHT_BY = {"separates_cell_types"}


class CellVAE(_Reference):
    def forward(self, x, generator=None):
        mu, logvar = self.encode(x)
        if self.training:
            eps = torch.randn(mu.shape, generator=generator, dtype=mu.dtype, device=mu.device)
            return self.decode(mu + eps * logvar), mu, logvar
        return self.decode(mu), mu, logvar


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
