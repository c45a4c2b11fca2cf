"""Reference solution: session 9, exercise 3 (a sequence GAN with Gumbel-softmax one-hot DNA).

gumbel_softmax adds Gumbel noise g = -log(-log(U)) (U from ONE torch.rand call, clamped to at least the
dtype's smallest normal number) to the logits and takes softmax((logits + g) / tau) over dim; hard=True
returns the one-hot of its argmax with the soft sample's gradient (straight-through). The generator is
an MLP to logits [B, 4, L] (channel-major), the discriminator an MLP to a raw logit; training alternates
one discriminator step and one generator step with BCE-with-logits.
"""
import torch
import torch.nn.functional as F
from torch import nn


def gumbel_softmax(logits, tau=1.0, hard=False, generator=None, dim=1):
    u = torch.rand(logits.shape, generator=generator, dtype=logits.dtype, device=logits.device)
    g = -torch.log(-torch.log(u.clamp(min=torch.finfo(logits.dtype).tiny)))
    soft = torch.softmax((logits + g) / tau, dim=dim)
    if not hard:
        return soft
    index = soft.argmax(dim=dim, keepdim=True)
    one_hot = torch.zeros_like(soft).scatter_(dim, index, 1.0)
    return one_hot - soft.detach() + soft


class SequenceGenerator(nn.Module):
    def __init__(self, latent_dim=16, seq_len=19, hidden_dim=128, tau=1.0):
        super().__init__()
        self.latent_dim, self.seq_len, self.tau = latent_dim, seq_len, tau
        self.net = nn.Sequential(
            nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
            nn.Linear(hidden_dim, 4 * seq_len))

    def forward(self, z, hard=True, generator=None):
        logits = self.net(z).view(-1, 4, self.seq_len)
        return gumbel_softmax(logits, self.tau, hard, generator, dim=1)


class SequenceDiscriminator(nn.Module):
    def __init__(self, seq_len=19, hidden_dim=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Flatten(), nn.Linear(4 * seq_len, hidden_dim), nn.LeakyReLU(0.2),
            nn.Linear(hidden_dim, 1))

    def forward(self, x):
        return self.net(x)


def train_sequence_gan(G, D, real, steps=150, batch_size=64, lr_g=5e-4, lr_d=3e-3, generator=None):
    opt_g = torch.optim.Adam(G.parameters(), lr=lr_g, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr_d, betas=(0.5, 0.999))
    G.train()
    D.train()
    g_losses, d_losses = [], []
    for _step in range(steps):
        index = torch.randint(0, real.shape[0], (batch_size,), generator=generator)
        batch = real[index]
        z = torch.randn(batch_size, G.latent_dim, generator=generator, dtype=real.dtype, device=real.device)
        fake = G(z, hard=True, generator=generator)
        ones = torch.ones(batch_size, 1, dtype=real.dtype, device=real.device)
        zeros = torch.zeros(batch_size, 1, dtype=real.dtype, device=real.device)

        d_loss = (F.binary_cross_entropy_with_logits(D(batch), ones)
                  + F.binary_cross_entropy_with_logits(D(fake.detach()), zeros))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()

        g_loss = F.binary_cross_entropy_with_logits(D(fake), ones)
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        g_losses.append(g_loss.item())
        d_losses.append(d_loss.item())
    return g_losses, d_losses


@torch.no_grad()
def sample(G, n, generator=None):
    weight = next(G.parameters())
    z = torch.randn(n, G.latent_dim, generator=generator, dtype=weight.dtype, device=weight.device)
    y = G(z, hard=True, generator=generator)
    return F.one_hot(y.argmax(dim=1), 4).transpose(1, 2).to(weight.dtype)
