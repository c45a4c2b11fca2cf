"""Mutant: exactly two hidden layers (fc1, fc2) whatever the length of hidden_sizes."""
from torch import nn

from reference.session03.ex02_promoter_classifier import encode_sequence, train_with_validation  # noqa: F401

CAUGHT_BY = {"architecture", "param_count", "registered", "forward"}


class PromoterClassifier(nn.Module):
    def __init__(self, input_size=200, hidden_sizes=[128, 64], dropout=0.2):
        super().__init__()
        self.fc1 = nn.Linear(input_size, hidden_sizes[0])
        self.fc2 = nn.Linear(hidden_sizes[0], hidden_sizes[1])
        self.out = nn.Linear(hidden_sizes[1], 1)
        self.dropout = nn.Dropout(dropout)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.dropout(self.relu(self.fc1(x)))
        x = self.dropout(self.relu(self.fc2(x)))
        return self.out(x).sigmoid().squeeze(-1)
