"""Mutant: the spread is taken over each cell's genes (dim=1), one number per cell, instead of over the
batch's cells per gene: a batch of identical cells still looks varied. The formula check rejects it.
Its training is no proof: each cell's own spread still tells the discriminator something, and on one
host the GAN collapsed while on another it learned every cell type (shares 0.22-0.26, distance ratio
0.96, means r 0.77), so learns_the_cells is not claimed."""
import torch
from torch import nn

from reference.session09.ex06_expression_gan import (  # noqa: F401
    ExpressionGenerator, fit_scaler, generate_expression, plot_gene_means, scale_to_unit, unscale)

CAUGHT_BY = {"minibatch_std"}


def minibatch_std(x):
    """[B, genes] -> [B, 2 * genes]: each cell, then the batch's per-gene std (correction=0)."""
    spread = x.std(dim=1, correction=0, keepdim=True)
    return torch.cat([x, spread.expand(-1, x.shape[1])], dim=1)


class ExpressionDiscriminator(nn.Module):
    """A batch of profiles [B, n_genes] -> raw logits [B, 1], each cell judged with its batch's spread."""

    def __init__(self, n_genes=50, hidden=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(2 * n_genes, hidden), nn.LeakyReLU(0.2),
            nn.Linear(hidden, hidden), nn.LeakyReLU(0.2),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.net(minibatch_std(x))


def train_expression_gan(x, latent_dim=16, steps=600, batch_size=128, lr=1e-3, seed=0):
    """Train the two networks on scale_to_unit(x); returns (G.eval(), low, high)."""
    torch.manual_seed(seed)
    n, genes = x.shape
    low, high = fit_scaler(x)
    data = scale_to_unit(x, low, high)
    G, D = ExpressionGenerator(genes, latent_dim), ExpressionDiscriminator(genes)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones(batch_size, 1), torch.zeros(batch_size, 1)
    for _step in range(steps):
        real = data[torch.randint(0, n, (batch_size,))]
        fake = G(torch.randn(batch_size, latent_dim))
        d_loss = bce(D(real), ones) + bce(D(fake.detach()), zeros)  # a batch of each, never mixed
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        g_loss = bce(D(fake), ones)  # non-saturating: the fakes labelled real
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
    return G.eval(), low, high
