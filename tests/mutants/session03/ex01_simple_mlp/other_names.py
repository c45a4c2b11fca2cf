"""Mutant: layers named layer1/layer2 instead of the spec's fc1/fc2."""
import torch.nn.functional as F
from torch import nn

from reference.session03.ex01_simple_mlp import train  # noqa: F401

CAUGHT_BY = {"architecture", "forward"}


class SimpleMLP(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.layer1 = nn.Linear(input_size, hidden_size)
        self.layer2 = nn.Linear(hidden_size, output_size)

    def forward(self, x):
        return self.layer2(F.relu(self.layer1(x)))
