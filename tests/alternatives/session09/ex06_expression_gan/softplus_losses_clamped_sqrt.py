"""Alternative: the losses written with softplus (BCE-with-logits against 1 is softplus(-logit),
against 0 softplus(logit)), the spread as the square root of torch.var_mean's variance clamped
away from 0 (so its gradient stays finite where a gene is constant), one Adam per network
built from a dict, and the figure's diagonal drawn with plot over the range of both means."""
import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt
from torch import nn


def minibatch_std(x):
    variance, _ = torch.var_mean(x, dim=0, correction=0, keepdim=True)
    spread = variance.clamp_min(1e-12).sqrt()
    return torch.cat([x, spread.expand_as(x)], dim=-1)


class ExpressionGenerator(nn.Module):
    def __init__(self, n_genes=50, latent_dim=16, hidden=128):
        super().__init__()
        self.net = nn.Sequential()
        self.net.append(nn.Linear(latent_dim, hidden)).append(nn.ReLU())
        self.net.append(nn.Linear(hidden, hidden)).append(nn.ReLU())
        self.net.append(nn.Linear(hidden, n_genes)).append(nn.Tanh())

    def forward(self, z):
        return self.net(z)


class ExpressionDiscriminator(nn.Module):
    def __init__(self, n_genes=50, hidden=128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(2 * n_genes, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, hidden),
                                 nn.LeakyReLU(0.2), nn.Linear(hidden, 1))

    def forward(self, x):
        features = minibatch_std(x)
        return self.net(features)


def fit_scaler(x):
    return x.amin(dim=0), x.amax(dim=0)


def scale_to_unit(x, low, high):
    span = high - low
    span = span + (span == 0).to(span.dtype)
    return (2 * x - 2 * low - span) / span


def unscale(x_scaled, low, high):
    span = high - low
    span = span + (span == 0).to(span.dtype)
    return low + span * (x_scaled + 1) / 2


def train_expression_gan(x, latent_dim=16, steps=600, batch_size=128, lr=1e-3, seed=0):
    torch.manual_seed(seed)
    low, high = fit_scaler(x)
    cells = scale_to_unit(x, low, high)
    nets = {"g": ExpressionGenerator(x.shape[1], latent_dim), "d": ExpressionDiscriminator(x.shape[1])}
    optims = {k: torch.optim.Adam(m.parameters(), lr=lr, betas=(0.5, 0.999)) for k, m in nets.items()}
    G, D = nets["g"], nets["d"]
    for step in range(steps):
        idx = torch.randint(cells.shape[0], (batch_size,))
        real = cells[idx]
        noise = torch.randn(batch_size, latent_dim)
        fake = G(noise)
        loss_d = F.softplus(-D(real)).mean() + F.softplus(D(fake.detach())).mean()
        optims["d"].zero_grad()
        loss_d.backward()
        optims["d"].step()
        loss_g = F.softplus(-D(fake)).mean()
        optims["g"].zero_grad()
        loss_g.backward()
        optims["g"].step()
    return G.eval(), low, high


def generate_expression(G, n, low, high, generator=None):
    first = next(m for m in G.net if isinstance(m, nn.Linear))
    with torch.no_grad():
        z = torch.randn((n, first.in_features), generator=generator, device=first.weight.device)
        scaled = G(z)
    return unscale(scaled, low, high)


def plot_gene_means(real, fake):
    fig, ax = plt.subplots(figsize=(4, 4))
    real_means = real.mean(dim=0)
    fake_means = fake.mean(dim=0)
    ax.scatter(real_means, fake_means, s=8, alpha=0.8)
    both = torch.cat([real_means, fake_means])
    ends = [both.min().item(), both.max().item()]
    ax.plot(ends, ends, "r:")
    ax.set_xlabel("real mean")
    ax.set_ylabel("generated mean")
    return fig
