"""Mutant: scales to [0, 1] (MinMaxScaler's default range) while the generator's Tanh covers (-1, 1)."""
import torch
from torch import nn

from reference.session09.ex06_expression_gan import (  # noqa: F401
    ExpressionDiscriminator, ExpressionGenerator, fit_scaler, minibatch_std, plot_gene_means)

CAUGHT_BY = {"generate_expression", "scaling_round_trip"}


def _span(low, high):
    span = high - low
    return torch.where(span > 0, span, torch.ones_like(span))


def scale_to_unit(x, low, high):
    """[n, genes] -> 2 (x - low) / span - 1 (span = high - low, 1 for a constant gene)."""
    return (x - low) / _span(low, high)


def unscale(x_scaled, low, high):
    """The inverse of scale_to_unit: low + (x_scaled + 1) / 2 * span."""
    return low + x_scaled * _span(low, high)


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


def generate_expression(G, n, low, high, generator=None):
    """n generated cells [n, genes] in log-expression: unscale(G(z)), z ~ N(0, 1) [n, latent_dim]."""
    first = G.net[0]
    z = torch.randn(n, first.in_features, generator=generator, device=first.weight.device)
    with torch.no_grad():
        return unscale(G(z), low, high)
