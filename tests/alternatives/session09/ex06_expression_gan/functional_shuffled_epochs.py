"""Alternative: F.binary_cross_entropy_with_logits, batches taken in turn from a shuffled order
(a new permutation each pass), torch.aminmax for the scaler, layers built from a list, the
figure from plt.figure() with an axline for y = x, and generation under a no_grad decorator."""
import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt
from torch import nn


def minibatch_std(x):
    spread = torch.std(x, 0, correction=0).unsqueeze(0).repeat(x.shape[0], 1)
    return torch.cat((x, spread), 1)


class ExpressionGenerator(nn.Module):
    def __init__(self, n_genes=50, latent_dim=16, hidden=128):
        super().__init__()
        sizes = [latent_dim, hidden, hidden]
        layers = []
        for a, b in zip(sizes, sizes[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        self.net = nn.Sequential(*layers, nn.Linear(hidden, n_genes), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class ExpressionDiscriminator(nn.Module):
    def __init__(self, n_genes=50, hidden=128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_genes * 2, hidden), nn.LeakyReLU(negative_slope=0.2),
                                 nn.Linear(hidden, hidden), nn.LeakyReLU(negative_slope=0.2),
                                 nn.Linear(hidden, 1))

    def forward(self, x):
        return self.net(minibatch_std(x))


def fit_scaler(x):
    low, high = torch.aminmax(x, dim=0)
    return low, high


def _spans(low, high):
    return torch.where(high > low, high - low, torch.ones_like(low))


def scale_to_unit(x, low, high):
    return (x - low) / _spans(low, high) * 2.0 - 1.0


def unscale(x_scaled, low, high):
    return (x_scaled + 1.0) * 0.5 * _spans(low, high) + low


def train_expression_gan(x, latent_dim=16, steps=600, batch_size=128, lr=1e-3, seed=0):
    torch.manual_seed(seed)
    n, genes = x.shape
    low, high = fit_scaler(x)
    data = scale_to_unit(x, low, high)
    generator_net = ExpressionGenerator(genes, latent_dim)
    critic = ExpressionDiscriminator(genes)
    g_opt = torch.optim.Adam(generator_net.parameters(), lr, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(critic.parameters(), lr, betas=(0.5, 0.999))
    order, position = torch.randperm(n), 0
    for _ in range(steps):
        if position + batch_size > n:
            order, position = torch.randperm(n), 0
        real = data[order[position:position + batch_size]]
        position += batch_size
        fake = generator_net(torch.randn(len(real), latent_dim))
        real_logits, fake_logits = critic(real), critic(fake.detach())
        d_loss = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
                  + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))
        d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()
        judged = critic(fake)
        g_loss = F.binary_cross_entropy_with_logits(judged, torch.ones_like(judged))
        g_opt.zero_grad()
        g_loss.backward()
        g_opt.step()
    generator_net.eval()
    return generator_net, low, high


@torch.no_grad()
def generate_expression(G, n, low, high, generator=None):
    weight = G.net[0].weight
    z = torch.randn(n, weight.shape[1], generator=generator, device=weight.device)
    return unscale(G(z), low, high)


def plot_gene_means(real, fake):
    fig = plt.figure()
    ax = fig.add_subplot()
    xs, ys = real.mean(0).numpy(), fake.mean(0).numpy()
    ax.scatter(xs, ys, c="tab:blue")
    ax.axline((0.0, 0.0), slope=1.0, color="black")
    ax.set(xlabel="real mean", ylabel="generated mean")
    return fig
