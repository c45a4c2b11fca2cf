"""Correct alternative: the denoiser is a small 1-D convolutional network instead of an MLP. The flat
input [B, seq_len] is viewed as its four channel rows A, C, G, T ([B, 4, seq_len // 4]); a stem
nn.Conv1d (kernel 7, a motif-sized window) plus a learned per-position offset maps it to feature
channels; a context MLP reads the step's sinusoidal time code, the label embedding (the null label
included) and the features averaged over positions (a global view, e.g. of GC content) and returns a
per-channel scale and shift (FiLM) for the features; a residual kernel-3 nn.Conv1d and a kernel-7
nn.Conv1d head back to 4 channels follow, all padded to keep the length, flattened to [B, seq_len].
Nothing mixes rows (no batch normalisation), so each row's output depends on that row alone.
Classifier-free guidance calls the model once on 2B rows (the batch with its labels stacked on the
batch with the null label) and mixes the halves with torch.lerp(eps_u, eps_c, w), which is eps_u
exactly at w = 0 and eps_c exactly at w = 1."""
import math

import torch
from torch import nn
from torch.nn import functional as F


def sinusoid(t, dim):
    """[B] integer steps -> [B, dim] float32 features: sines then cosines of geometric frequencies."""
    half = dim // 2
    rate = math.log(10000.0) / half
    freqs = torch.exp(-rate * torch.arange(half, device=t.device, dtype=torch.float32))
    angles = t.to(torch.float32)[:, None] * freqs[None, :]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class DesignDenoiser(nn.Module):
    def __init__(self, seq_len=64, n_classes=2, channels=32, stem_kernel=7, mid_kernel=3, head_kernel=7,
                 time_dim=32, label_dim=16, context_hidden=128):
        super().__init__()
        if seq_len % 4:
            raise ValueError("seq_len must be 4 channel rows of equal length")
        self.seq_len = seq_len
        self.null_label = int(n_classes)
        self.length = seq_len // 4
        self.time_dim = time_dim
        self.label_embedding = nn.Embedding(n_classes + 1, label_dim)
        # the stem's bias would duplicate the per-position offset, the middle conv's the next shift
        self.stem = nn.Conv1d(4, channels, stem_kernel, padding=stem_kernel // 2, bias=False)
        self.position = nn.Parameter(torch.zeros(channels, self.length))
        self.context = nn.Sequential(nn.Linear(time_dim + label_dim + channels, context_hidden), nn.SiLU(),
                                     nn.Linear(context_hidden, 2 * channels))
        self.mid = nn.Conv1d(channels, channels, mid_kernel, padding=mid_kernel // 2, bias=False)
        self.head = nn.Conv1d(channels, 4, head_kernel, padding=head_kernel // 2)

    def forward(self, x, t, labels):
        rows = x.shape[0]
        h = self.stem(x.reshape(rows, 4, self.length)) + self.position.to(x.dtype)
        summary = torch.cat([sinusoid(t, self.time_dim).to(x.dtype), self.label_embedding(labels).to(x.dtype),
                             h.mean(dim=2)], dim=1)
        scale, shift = self.context(summary).unsqueeze(-1).chunk(2, dim=1)
        h = F.silu(h * (1 + scale) + shift)
        h = h + F.silu(self.mid(h))
        return self.head(h).reshape(rows, self.seq_len)


def guided_noise(model, x_t, t, labels, w):
    rows = x_t.shape[0]
    null = torch.full_like(labels, model.null_label)
    both = model(torch.cat([x_t, x_t]), torch.cat([t, t]), torch.cat([labels, null]))
    eps_c, eps_u = both[:rows], both[rows:]
    if torch.is_tensor(w):  # a tensor weight must match the outputs' dtype and device
        w = w.to(dtype=eps_u.dtype, device=eps_u.device)
    return torch.lerp(eps_u, eps_c, w)
