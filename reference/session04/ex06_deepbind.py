"""Reference solution: session 4, exercise 6 (DeepBind on both strands)."""
import torch
import torch.nn.functional as F
from torch import nn


class DeepBindModel(nn.Module):
    def __init__(self, seq_len: int = 101, n_motifs: int = 16, motif_len: int = 24):
        super().__init__()
        self.conv = nn.Conv1d(4, n_motifs, motif_len)
        self.pool = nn.MaxPool1d(kernel_size=3, stride=3)
        conv_out_len = seq_len - motif_len + 1
        pool_out_len = (conv_out_len - 3) // 3 + 1
        self.fc1 = nn.Linear(n_motifs * pool_out_len, 32)
        self.dropout = nn.Dropout(0.5)
        self.fc2 = nn.Linear(32, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(F.relu(self.conv(x)))
        x = x.view(x.size(0), -1)
        x = self.dropout(F.relu(self.fc1(x)))
        return torch.sigmoid(self.fc2(x)).squeeze(-1)


def reverse_complement_one_hot(x: torch.Tensor) -> torch.Tensor:
    return torch.flip(x, dims=(-2, -1))


def score_both_strands(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    forward_strand = model(x)
    reverse_strand = model(reverse_complement_one_hot(x))
    return torch.maximum(forward_strand, reverse_strand)
