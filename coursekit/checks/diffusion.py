"""Guided ancestral sampling checked exactly: a stand-in denoiser whose noise prediction is known in
closed form, the graders' own float64 chain to compare a sampler with, and a naive decoder of
model-space DNA (sessions on diffusion and the sequence-design capstone)."""
from __future__ import annotations

import torch
from torch import nn


def schedule(betas):
    """(alphas, alpha_bar, beta_tilde) in float64 from a float64 [T] schedule, by explicit products."""
    betas = betas.double()
    alphas = 1 - betas
    bars, running = [], 1.0
    for a in alphas.tolist():
        running *= a
        bars.append(running)
    alpha_bar = torch.tensor(bars, dtype=torch.float64)
    before = torch.tensor([1.0] + bars[:-1], dtype=torch.float64)
    return alphas, alpha_bar, betas * (1 - before) / (1 - alpha_bar)


class GaussianOracle(nn.Module):
    """The graders' stand-in denoiser: the exact noise prediction E[eps | x_t] for data that are
    N(means[label], spread^2 I), one mean per label (row 2: the null label), under the schedule
    `betas`. Linear in the means, so eps_u + w (eps_c - eps_u) is the oracle of m_u + w (m_c - m_u)."""

    def __init__(self, means, spread, betas):
        super().__init__()
        self.seq_len, self.null_label = means.shape[1], 2
        self.register_buffer("means", means.double())
        self.register_buffer("alpha_bar", schedule(betas)[1])
        self.spread = spread
        self.gain = nn.Parameter(torch.ones(()))  # where the samples live; they must not require grad
        self.seen = []

    def forward(self, x, t, labels):
        self.seen.append((t.dtype, tuple(t.shape), labels.dtype, sorted(set(labels.tolist()))))
        return oracle_noise(x, t, self.means[labels], self.alpha_bar, self.spread).to(x.dtype) * self.gain


def oracle_noise(x, t, mean_rows, alpha_bar, spread):
    ab = alpha_bar[t].unsqueeze(1)
    return (1 - ab).sqrt() * (x.double() - ab.sqrt() * mean_rows) / (ab * spread ** 2 + 1 - ab)


def trusted_chain(means, spread, betas, n, label, w, generator):
    """Guided ancestral sampling in float64 with the oracle of the guided mean, noise redrawn as specified."""
    alphas, alpha_bar, beta_tilde = schedule(betas)
    target = means[2] if label is None else means[2] + w * (means[label] - means[2])
    rows = target.double().expand(n, -1)
    x = torch.randn((n, means.shape[1]), generator=generator).double()
    for t in reversed(range(betas.shape[0])):
        step = torch.full((n,), t, dtype=torch.long)
        eps = oracle_noise(x, step, rows, alpha_bar, spread)
        x = (x - betas[t] / (1 - alpha_bar[t]).sqrt() * eps) / alphas[t].sqrt()
        if t > 0:
            x = x + beta_tilde[t].sqrt() * torch.randn((n, means.shape[1]), generator=generator).double()
    return x


def trusted_decode(x, length):
    """Model-space rows [n, 4 length] as DNA, by a naive loop: at each position the first channel
    holding the largest value (as torch.argmax breaks ties)."""
    x = x.detach().double()
    out = []
    for row in x:
        letters = []
        for j in range(length):
            best = 0
            for c in range(1, 4):
                if row[c * length + j] > row[best * length + j]:
                    best = c
            letters.append("ACGT"[best])
        out.append("".join(letters))
    return out
