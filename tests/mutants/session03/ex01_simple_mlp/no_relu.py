"""Mutant: no ReLU between the layers, so the network is linear."""
from reference.session03.ex01_simple_mlp import *  # noqa: F401,F403
from reference.session03.ex01_simple_mlp import SimpleMLP as _Reference

CAUGHT_BY = {"forward"}


class SimpleMLP(_Reference):
    def forward(self, x):
        return self.fc2(self.fc1(x))
