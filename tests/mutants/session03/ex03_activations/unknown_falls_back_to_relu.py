"""Mutant: an unknown activation name silently falls back to ReLU."""
import torch.nn.functional as F
from torch import nn

from reference.session03.ex03_activations import Mish, Swish, gelu  # noqa: F401
from reference.session03.ex03_activations import ACTIVATIONS

CAUGHT_BY = {"unknown_activation"}


class MLPWithActivation(nn.Module):
    def __init__(self, activation="relu"):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(3, 20), nn.Linear(20, 10), nn.Linear(10, 1)
        self.activation = ACTIVATIONS.get(activation, F.relu)

    def forward(self, x):
        return self.fc3(self.activation(self.fc2(self.activation(self.fc1(x)))))
