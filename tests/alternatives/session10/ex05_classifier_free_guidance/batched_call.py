"""Alternative: guided noise from ONE model call of 2B rows, (1 - w) eps_u + w eps_c; labels dropped by
masked assignment on a copy; the noise drawn before t; training by epochs of a shuffled order."""
import torch
from torch import nn


def sinusoidal_embedding(t, dim):
    half = dim // 2
    freqs = 10000.0 ** (-torch.arange(half, device=t.device, dtype=torch.float32) / half)
    angles = torch.outer(t.to(torch.float32), freqs)
    return torch.cat((angles.sin(), angles.cos()), dim=-1)


class ConditionalDenoiser(nn.Module):
    def __init__(self, seq_len, n_classes, time_dim=32, label_dim=16, hidden=256):
        super().__init__()
        self.null_label = int(n_classes)
        self.time_dim = time_dim
        self.label_embedding = nn.Embedding(n_classes + 1, label_dim)
        layers = [nn.Linear(seq_len + time_dim + label_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                  nn.ReLU(), nn.Linear(hidden, seq_len)]
        self.net = nn.Sequential(*layers)

    def forward(self, x, t, labels):
        parts = (x, sinusoidal_embedding(t, self.time_dim).type_as(x), self.label_embedding(labels))
        return self.net(torch.cat(parts, dim=-1))


def drop_labels(labels, null_label, p, generator=None):
    keep = torch.rand(len(labels), generator=generator, device=labels.device) >= p
    out = labels.clone()
    out[~keep] = null_label
    return out


def cfg_loss(model, x0, labels, alpha_bar, p_uncond=0.1, t=None, noise=None, generator=None):
    labels = drop_labels(labels, model.null_label, p_uncond, generator=generator)
    if noise is None:
        noise = torch.randn(x0.shape, generator=generator, dtype=x0.dtype, device=x0.device)
    if t is None:
        t = torch.randint(len(alpha_bar), (len(x0),), generator=generator, device=x0.device)
    a = alpha_bar.to(x0)[t].unsqueeze(-1)
    x_t = torch.sqrt(a) * x0 + torch.sqrt(1.0 - a) * noise
    return ((model(x_t, t, labels) - noise) ** 2).mean()


def guided_noise(model, x_t, t, labels, w):
    nulls = torch.full_like(labels, model.null_label)
    both = model(torch.cat([x_t, x_t]), torch.cat([t, t]), torch.cat([labels, nulls]))
    eps_c, eps_u = both.chunk(2)
    return (1 - w) * eps_u + w * eps_c


def train_cfg(model, x0, labels, alpha_bar, steps=200, batch_size=64, lr=1e-3, p_uncond=0.1, generator=None):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    n = x0.shape[0]
    per_epoch = max(1, n // batch_size)
    history, order = [], None
    for step in range(steps):
        if step % per_epoch == 0:
            order = torch.randperm(n, generator=generator, device=x0.device)
        idx = order[(step % per_epoch) * batch_size:(step % per_epoch + 1) * batch_size]
        if len(idx) < batch_size:  # fewer rows than a batch: draw the batch with replacement
            idx = torch.randint(n, (batch_size,), generator=generator, device=x0.device)
        loss = cfg_loss(model, x0[idx], labels[idx], alpha_bar, p_uncond, generator=generator)
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(float(loss.detach()))
    return history

