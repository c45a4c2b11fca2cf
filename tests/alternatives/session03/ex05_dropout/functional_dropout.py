"""Correct, written another way: no dropout modules, F.dropout(training=self.training),
nn.ReLU as a module, layers built in one Sequential-free pass."""
import torch.nn.functional as F
from torch import nn


class DropoutMLP(nn.Module):
    def __init__(self, dropout_rate=0.0):
        super().__init__()
        self.fc1 = nn.Linear(5, 100)
        self.fc2 = nn.Linear(100, 50)
        self.fc3 = nn.Linear(50, 1)
        self.act = nn.ReLU()
        self.rate = dropout_rate

    def forward(self, x):
        for layer in (self.fc1, self.fc2):
            x = F.dropout(self.act(layer(x)), p=self.rate, training=self.training)
        return self.fc3(x)
