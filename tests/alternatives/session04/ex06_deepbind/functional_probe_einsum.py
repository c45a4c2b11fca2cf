"""Correct, written another way: only the parameterised layers are attributes; pooling, ReLU and
dropout are functional (F.dropout with training=self.training); fc1's input size is measured
with a dry run on zeros; the complement is a permutation matrix applied with einsum (made on the
input's device), the reversal an index_select; the larger score via torch.where."""
import torch
import torch.nn.functional as F
from torch import nn


class DeepBindModel(nn.Module):
    def __init__(self, seq_len=101, n_motifs=16, motif_len=24):
        super().__init__()
        self.conv = nn.Conv1d(in_channels=4, out_channels=n_motifs, kernel_size=motif_len)
        with torch.no_grad():
            flat = self._features(torch.zeros(1, 4, seq_len)).shape[1]
        self.fc1 = nn.Linear(flat, 32)
        self.fc2 = nn.Linear(32, 1)

    def _features(self, x):
        return F.max_pool1d(torch.relu(self.conv(x)), kernel_size=3).flatten(start_dim=1)

    def forward(self, x):
        hidden = F.dropout(torch.relu(self.fc1(self._features(x))), p=0.5, training=self.training)
        return torch.sigmoid(self.fc2(hidden)).view(-1)


def reverse_complement_one_hot(x):
    pairing = torch.eye(4, dtype=x.dtype, device=x.device).flip(0)
    complemented = torch.einsum("bc,...cl->...bl", pairing, x)
    backwards = torch.arange(x.shape[-1] - 1, -1, -1, device=x.device)
    return complemented.index_select(-1, backwards)


def score_both_strands(model, x):
    plus = model(x)
    minus = model(reverse_complement_one_hot(x))
    return torch.where(plus >= minus, plus, minus)
