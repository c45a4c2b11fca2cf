"""Mutant: the layers live in a plain Python list, so PyTorch never registers them."""
from torch import nn

from reference.session03.ex02_promoter_classifier import encode_sequence, train_with_validation  # noqa: F401

CAUGHT_BY = {"registered", "param_count", "follows_device"}


class PromoterClassifier(nn.Module):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.2):
        super().__init__()
        self.layers = []
        previous = input_size
        for size in hidden_sizes:
            self.layers += [nn.Linear(previous, size), nn.ReLU(), nn.Dropout(dropout)]
            previous = size
        self.layers += [nn.Linear(previous, 1), nn.Sigmoid()]

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x.squeeze(-1)
