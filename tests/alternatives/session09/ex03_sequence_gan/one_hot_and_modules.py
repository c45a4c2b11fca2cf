"""Alternative: the noise and the softmax written out by hand (log-sum-exp shift), the hard
sample with F.one_hot moved to `dim`, loss modules (nn.BCEWithLogitsLoss) and labels from
torch.full_like, the discriminator flattening in forward."""
import torch
import torch.nn.functional as F
from torch import nn


def gumbel_softmax(logits, tau=1.0, hard=False, generator=None, dim=1):
    uniform = torch.rand(logits.shape, generator=generator, dtype=logits.dtype, device=logits.device)
    uniform = torch.clamp(uniform, min=torch.finfo(logits.dtype).tiny)
    scores = (logits - (-uniform.log()).log()) / tau
    weights = (scores - scores.amax(dim=dim, keepdim=True)).exp()
    soft = weights / weights.sum(dim=dim, keepdim=True)
    if hard:
        winner = F.one_hot(soft.argmax(dim=dim), soft.shape[dim]).movedim(-1, dim).to(soft.dtype)
        return (winner - soft).detach() + soft
    return soft


class SequenceGenerator(nn.Module):
    def __init__(self, latent_dim=16, seq_len=19, hidden_dim=128, tau=1.0):
        super().__init__()
        self.latent_dim = latent_dim
        self.seq_len = seq_len
        self.tau = tau
        layers = [nn.Linear(latent_dim, hidden_dim), nn.ReLU(), nn.Linear(hidden_dim, hidden_dim), nn.ReLU(),
                  nn.Linear(hidden_dim, 4 * seq_len)]
        self.net = nn.Sequential(*layers)

    def forward(self, z, hard=True, generator=None):
        logits = self.net(z).reshape(z.shape[0], 4, self.seq_len)
        return gumbel_softmax(logits, tau=self.tau, hard=hard, generator=generator)


class SequenceDiscriminator(nn.Module):
    def __init__(self, seq_len=19, hidden_dim=128):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4 * seq_len, hidden_dim), nn.LeakyReLU(negative_slope=0.2),
                                 nn.Linear(hidden_dim, 1))

    def forward(self, x):
        return self.net(x.reshape(x.shape[0], -1))


def train_sequence_gan(G, D, real, steps=150, batch_size=64, lr_g=5e-4, lr_d=3e-3, generator=None):
    criterion = nn.BCEWithLogitsLoss()
    g_optimizer = torch.optim.Adam(G.parameters(), lr_g, betas=(0.5, 0.999))
    d_optimizer = torch.optim.Adam(D.parameters(), lr_d, betas=(0.5, 0.999))
    history = ([], [])
    for _ in range(steps):
        picks = torch.randint(0, len(real), (batch_size,), generator=generator)
        real_batch = real[picks]
        noise = torch.randn(batch_size, G.latent_dim, generator=generator, device=real.device)
        fake = G(noise, generator=generator)

        d_optimizer.zero_grad()
        real_logit, fake_logit = D(real_batch), D(fake.detach())
        d_loss = (criterion(real_logit, torch.full_like(real_logit, 1.0))
                  + criterion(fake_logit, torch.full_like(fake_logit, 0.0)))
        d_loss.backward()
        d_optimizer.step()

        g_optimizer.zero_grad()
        judged = D(fake)
        g_loss = criterion(judged, torch.full_like(judged, 1.0))
        g_loss.backward()
        g_optimizer.step()
        history[0].append(float(g_loss.detach()))
        history[1].append(float(d_loss.detach()))
    return history


def sample(G, n, generator=None):
    p = next(G.parameters())
    with torch.no_grad():
        z = torch.randn(n, G.latent_dim, generator=generator, device=p.device, dtype=p.dtype)
        bases = G(z, hard=True, generator=generator).argmax(dim=1)
    return F.one_hot(bases, 4).permute(0, 2, 1).float()
