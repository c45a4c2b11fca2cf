"""Correct, written another way: the model as two nn.Sequential blocks (nn.Flatten, nn.Sigmoid,
output taken with [:, 0]); the reverse complement by list-indexing the rows and flipping the
positions; both strands scored in one batched call on the concatenation, max via stack/amax."""
import torch
from torch import nn


class DeepBindModel(nn.Module):
    def __init__(self, seq_len=101, n_motifs=16, motif_len=24):
        super().__init__()
        windows = (seq_len - motif_len + 1) // 3
        self.features = nn.Sequential(nn.Conv1d(4, n_motifs, kernel_size=motif_len), nn.ReLU(),
                                      nn.MaxPool1d(3, 3), nn.Flatten())
        self.head = nn.Sequential(nn.Linear(n_motifs * windows, 32), nn.ReLU(), nn.Dropout(p=0.5),
                                  nn.Linear(32, 1), nn.Sigmoid())

    def forward(self, x):
        return self.head(self.features(x))[:, 0]


def reverse_complement_one_hot(x):
    return x[..., [3, 2, 1, 0], :].flip(-1)


def score_both_strands(model, x):
    scores = model(torch.cat([x, reverse_complement_one_hot(x)], dim=0))
    return torch.stack(scores.split(len(x))).amax(dim=0)
