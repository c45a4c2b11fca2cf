"""Mutant: an unknown name is only noticed in forward, not when the model is built."""
from torch import nn

from reference.session03.ex03_activations import Mish, Swish, gelu  # noqa: F401
from reference.session03.ex03_activations import ACTIVATIONS

CAUGHT_BY = {"unknown_activation"}


class MLPWithActivation(nn.Module):
    def __init__(self, activation="relu"):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(3, 20), nn.Linear(20, 10), nn.Linear(10, 1)
        self.name = activation

    def forward(self, x):
        if self.name not in ACTIVATIONS:
            raise ValueError(f"unknown activation {self.name!r}")
        act = ACTIVATIONS[self.name]
        return self.fc3(act(self.fc2(act(self.fc1(x)))))
