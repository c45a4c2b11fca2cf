"""Alternative: the sampler split into helpers (noise, relaxation, straight-through with
scatter and a where-built one-hot), layers built from an OrderedDict-free loop, the
generator exposing its logits, and the training loop in one closure per network."""
import torch
import torch.nn.functional as F
from torch import nn


def _gumbel_noise(shape, generator, dtype, device):
    u = torch.rand(shape, generator=generator, dtype=dtype, device=device)
    return -torch.log(-torch.log(torch.where(u > 0, u, torch.finfo(dtype).tiny)))


def _straight_through(soft, dim):
    top = soft.argmax(dim=dim, keepdim=True)
    hard = torch.zeros_like(soft)
    hard.scatter_(dim, top, torch.ones_like(top, dtype=soft.dtype))
    return soft + (hard - soft).detach()


def gumbel_softmax(logits, tau=1.0, hard=False, generator=None, dim=1):
    g = _gumbel_noise(logits.shape, generator, logits.dtype, logits.device)
    soft = F.softmax(torch.div(logits + g, tau), dim)
    return _straight_through(soft, dim) if hard else soft


class SequenceGenerator(nn.Module):
    def __init__(self, latent_dim=16, seq_len=19, hidden_dim=128, tau=1.0):
        super().__init__()
        self.latent_dim, self.seq_len, self.tau = latent_dim, seq_len, tau
        self.net = nn.Sequential()
        sizes = [latent_dim, hidden_dim, hidden_dim]
        for i in range(2):
            self.net.append(nn.Linear(sizes[i], sizes[i + 1]))
            self.net.append(nn.ReLU())
        self.net.append(nn.Linear(hidden_dim, 4 * seq_len))

    def logits(self, z):
        return self.net(z).unflatten(1, (4, self.seq_len))

    def forward(self, z, hard=True, generator=None):
        return gumbel_softmax(self.logits(z), self.tau, hard, generator, 1)


class SequenceDiscriminator(nn.Module):
    def __init__(self, seq_len=19, hidden_dim=128):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(1), nn.Linear(seq_len * 4, hidden_dim), nn.LeakyReLU(0.2),
                                 nn.Linear(hidden_dim, 1))

    def forward(self, x):
        return self.net(x)


def train_sequence_gan(G, D, real, steps=150, batch_size=64, lr_g=5e-4, lr_d=3e-3, generator=None):
    opts = {"G": torch.optim.Adam(G.parameters(), lr=lr_g, betas=(0.5, 0.999)),
            "D": torch.optim.Adam(D.parameters(), lr=lr_d, betas=(0.5, 0.999))}

    def update(name, loss):
        opts[name].zero_grad(set_to_none=True)
        loss.backward()
        opts[name].step()
        return loss.item()

    g_losses, d_losses = [], []
    for step in range(steps):
        real_batch = real.index_select(0, torch.randint(real.shape[0], (batch_size,), generator=generator))
        z = torch.randn((batch_size, G.latent_dim), generator=generator, dtype=real.dtype, device=real.device)
        fake = G.forward(z, True, generator)
        r, f = D(real_batch), D(fake.detach())
        d_losses.append(update("D", F.binary_cross_entropy_with_logits(r, torch.ones_like(r))
                               + F.binary_cross_entropy_with_logits(f, torch.zeros_like(f))))
        out = D(fake)
        g_losses.append(update("G", F.binary_cross_entropy_with_logits(out, torch.ones_like(out))))
    return g_losses, d_losses


@torch.no_grad()
def sample(G, n, generator=None):
    w = G.net[0].weight
    z = torch.randn(n, G.latent_dim, generator=generator, dtype=w.dtype, device=w.device)
    y = G(z, hard=True, generator=generator)
    return torch.zeros_like(y).scatter_(1, y.argmax(1, keepdim=True), 1.0)
