"""Mutant: returns a fresh generator without training it: its cells sit near the middle of each gene's
range."""
import torch
from torch import nn

from reference.session09.ex06_expression_gan import (  # noqa: F401
    ExpressionDiscriminator, ExpressionGenerator, fit_scaler, generate_expression, minibatch_std,
    plot_gene_means, scale_to_unit, unscale)

CAUGHT_BY = {"learns_the_cells"}


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
    for _step in range(0):  # the training loop never runs
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
