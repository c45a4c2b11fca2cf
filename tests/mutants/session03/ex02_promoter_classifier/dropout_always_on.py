"""Mutant: functional dropout with training=True, so dropout stays on in eval mode."""
import torch.nn.functional as F
from torch import nn

from reference.session03.ex02_promoter_classifier import encode_sequence, train_with_validation  # noqa: F401

CAUGHT_BY = {"dropout_modes", "forward"}


class PromoterClassifier(nn.Module):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.2):
        super().__init__()
        sizes = [input_size, *hidden_sizes]
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.out = nn.Linear(sizes[-1], 1)
        self.p = dropout

    def forward(self, x):
        for layer in self.hidden:
            x = F.dropout(F.relu(layer(x)), self.p, training=True)
        return self.out(x).sigmoid().squeeze(-1)
