"""Reference solution: session 9, exercise 6 (an expression GAN that covers every cell type).

Genes are scaled to [-1, 1] (the range of the generator's Tanh) with each gene's min and max;
the discriminator sees each cell together with its batch's per-gene standard deviation
(a minibatch feature), so a generator that makes every cell alike is easy to spot; the GAN
trains with the non-saturating BCE-with-logits losses and generated cells are scaled back.
"""
import torch
from matplotlib import pyplot as plt
from torch import nn

REAL_LABEL = "real mean"
FAKE_LABEL = "generated mean"


def minibatch_std(x):
    """[B, genes] -> [B, 2 * genes]: each cell, then the batch's per-gene std (correction=0)."""
    spread = x.std(dim=0, correction=0, keepdim=True)
    return torch.cat([x, spread.expand(x.shape[0], -1)], dim=1)


class ExpressionGenerator(nn.Module):
    """Noise [B, latent_dim] -> scaled profiles [B, n_genes] in (-1, 1)."""

    def __init__(self, n_genes=50, latent_dim=16, hidden=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(latent_dim, hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.ReLU(),
            nn.Linear(hidden, n_genes), nn.Tanh(),
        )

    def forward(self, z):
        return self.net(z)


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


def fit_scaler(x):
    """Per-gene (low, high): the min and max over the cells of x [n, genes]."""
    return x.min(dim=0).values, x.max(dim=0).values


def _span(low, high):
    span = high - low
    return torch.where(span > 0, span, torch.ones_like(span))


def scale_to_unit(x, low, high):
    """[n, genes] -> 2 (x - low) / span - 1 (span = high - low, 1 for a constant gene)."""
    return 2 * (x - low) / _span(low, high) - 1


def unscale(x_scaled, low, high):
    """The inverse of scale_to_unit: low + (x_scaled + 1) / 2 * span."""
    return low + (x_scaled + 1) / 2 * _span(low, high)


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


def plot_gene_means(real, fake):
    """Scatter of per-gene means, real (x) vs generated (y), with the line y = x; returns the Figure."""
    real_means, fake_means = real.mean(dim=0), fake.mean(dim=0)
    fig, ax = plt.subplots()
    ax.scatter(real_means.tolist(), fake_means.tolist(), s=12)
    lo = min(real_means.min().item(), fake_means.min().item())
    hi = max(real_means.max().item(), fake_means.max().item())
    ax.plot([lo, hi], [lo, hi], color="grey", linestyle="--", label="y = x")
    ax.set_xlabel(REAL_LABEL)
    ax.set_ylabel(FAKE_LABEL)
    ax.set_title("per-gene mean log-expression")
    return fig
