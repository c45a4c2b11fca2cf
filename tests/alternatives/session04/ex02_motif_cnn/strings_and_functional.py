"""Correct, written another way: Python's random.Random(seed) and strings for the data
(rejection with str.count, a shuffle of (sequence, label) pairs), a dictionary lookup for
the one-hot; the model with F.relu, a max over the last dimension and an index for [N]."""
import random

import torch
import torch.nn.functional as F
from torch import nn

ROW = {"A": 0, "C": 1, "G": 2, "T": 3}


def _draw(rng, seq_len, motif, positive):
    while True:
        bases = [rng.choice("ACGT") for _ in range(seq_len)]
        if positive:
            start = rng.randint(0, seq_len - len(motif))  # random.randint includes its end
            bases[start:start + len(motif)] = motif
        sequence = "".join(bases)
        if sequence.count(motif) == (1 if positive else 0):
            return sequence


def generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42):
    if seq_len < len(motif):
        raise ValueError(f"{motif} does not fit in {seq_len} bases")
    rng = random.Random(seed)
    pairs = [(_draw(rng, seq_len, motif, i < n_samples // 2), float(i < n_samples // 2))
             for i in range(n_samples)]
    rng.shuffle(pairs)
    encoded = torch.zeros(n_samples, 4, seq_len)
    for i, (sequence, _) in enumerate(pairs):
        for j, base in enumerate(sequence):
            encoded[i, ROW[base], j] = 1.0
    return encoded, torch.tensor([label for _, label in pairs])


class MotifCNN(nn.Module):
    def __init__(self, kernel_size=8, n_kernels=32):
        super().__init__()
        self.filters = nn.Conv1d(4, n_kernels, kernel_size)
        self.head = nn.Linear(n_kernels, 1)

    def forward(self, x):
        best, _ = F.relu(self.filters(x)).max(dim=2)
        return torch.sigmoid(self.head(best))[:, 0]
