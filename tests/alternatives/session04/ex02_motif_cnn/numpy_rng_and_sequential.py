"""Correct, written another way: numpy's own Generator (default_rng) and sliding windows
for the data, the guide's alternating positive/negative order, np.eye for the one-hot;
the model as one nn.Sequential with Flatten, ending in .view(-1)."""
import numpy as np
import torch
from numpy.lib.stride_tricks import sliding_window_view
from torch import nn


def _hits(codes, motif_codes):
    windows = sliding_window_view(codes, len(motif_codes))
    return int((windows == motif_codes).all(axis=1).sum())


def generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42):
    if len(motif) > seq_len:
        raise ValueError("motif longer than seq_len")
    rng = np.random.default_rng(seed)
    motif_codes = np.array(["ACGT".index(b) for b in motif])
    n_pos = n_samples // 2
    wanted = [1] * n_pos + [0] * (n_samples - n_pos)
    interleaved = [w for pair in zip(wanted[:n_pos], wanted[n_pos:]) for w in pair]
    interleaved += wanted[2 * n_pos:]
    rows = []
    for label in interleaved:
        codes = rng.integers(0, 4, seq_len)
        if label:
            start = rng.integers(0, seq_len - len(motif) + 1)
            codes[start:start + len(motif)] = motif_codes
        while _hits(codes, motif_codes) != label:
            codes = rng.integers(0, 4, seq_len)
            if label:
                start = rng.integers(0, seq_len - len(motif) + 1)
                codes[start:start + len(motif)] = motif_codes
        rows.append(codes)
    codes = np.array(rows, dtype=np.int64).reshape(n_samples, seq_len)
    encoded = np.eye(4, dtype=np.float32)[codes].transpose(0, 2, 1)
    return torch.from_numpy(np.ascontiguousarray(encoded)), torch.tensor(interleaved, dtype=torch.float32)


class MotifCNN(nn.Module):
    def __init__(self, kernel_size=8, n_kernels=32):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(4, n_kernels, kernel_size), nn.ReLU(),
                                 nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(n_kernels, 1),
                                 nn.Sigmoid())

    def forward(self, x):
        return self.net(x).view(-1)
