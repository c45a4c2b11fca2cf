"""Reference solution: session 4, exercise 2 (planted TATA boxes and a motif-detecting CNN)."""
import torch
import torch.nn.functional as F
from torch import nn


def _ex02_count_motif(codes: torch.Tensor, motif_codes: torch.Tensor) -> torch.Tensor:
    """Occurrences of the motif in each row of base codes [n, L] (every start position)."""
    windows = codes.unfold(1, len(motif_codes), 1)
    return (windows == motif_codes).all(dim=-1).sum(dim=-1)


def generate_sequences_with_motif(n_samples: int = 1000, seq_len: int = 50, motif: str = "TATAAA",
                                  seed: int = 42):
    """One-hot sequences [n, 4, seq_len] and labels [n]: n // 2 carry the motif once."""
    if len(motif) > seq_len:
        raise ValueError(f"a motif of {len(motif)} bases does not fit in {seq_len} bases")
    generator = torch.Generator().manual_seed(seed)
    motif_codes = torch.tensor(["ACGT".index(base) for base in motif])
    width = len(motif_codes)
    labels = (torch.arange(n_samples) < n_samples // 2).float()
    wanted = labels.long()
    codes = torch.zeros(n_samples, seq_len, dtype=torch.long)
    redraw = torch.ones(n_samples, dtype=torch.bool)
    while bool(redraw.any()):
        rows = redraw.nonzero().squeeze(1)
        fresh = torch.randint(0, 4, (len(rows), seq_len), generator=generator)
        starts = torch.randint(0, seq_len - width + 1, (len(rows),), generator=generator)
        columns = starts.unsqueeze(1) + torch.arange(width)
        planted = fresh.scatter(1, columns, motif_codes.expand(len(rows), width))
        fresh = torch.where(wanted[rows].bool().unsqueeze(1), planted, fresh)
        codes[rows] = fresh
        redraw[rows] = _ex02_count_motif(fresh, motif_codes) != wanted[rows]
    order = torch.randperm(n_samples, generator=generator)
    one_hot = F.one_hot(codes[order], num_classes=4).transpose(1, 2).float()
    return one_hot, labels[order]


class MotifCNN(nn.Module):
    """Conv1d(4, n_kernels, kernel_size), ReLU, global max pool, Linear(n_kernels, 1), sigmoid."""

    def __init__(self, kernel_size: int = 8, n_kernels: int = 32):
        super().__init__()
        self.conv = nn.Conv1d(4, n_kernels, kernel_size)
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(n_kernels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = self.pool(F.relu(self.conv(x))).squeeze(-1)
        return torch.sigmoid(self.fc(features)).squeeze(-1)
