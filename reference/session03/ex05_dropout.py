"""Reference solution: session 3, exercise 5 (inverted dropout)."""
import torch
from torch import nn
import torch.nn.functional as F


class DropoutMLP(nn.Module):
    def __init__(self, dropout_rate: float = 0.0):
        super().__init__()
        self.fc1 = nn.Linear(5, 100)
        self.dropout1 = nn.Dropout(dropout_rate)
        self.fc2 = nn.Linear(100, 50)
        self.dropout2 = nn.Dropout(dropout_rate)
        self.fc3 = nn.Linear(50, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.dropout1(F.relu(self.fc1(x)))
        x = self.dropout2(F.relu(self.fc2(x)))
        return self.fc3(x)
