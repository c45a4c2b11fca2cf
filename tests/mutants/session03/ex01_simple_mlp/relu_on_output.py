"""Mutant: a ReLU on the output too, so negative expression can't be predicted."""
import torch.nn.functional as F

from reference.session03.ex01_simple_mlp import *  # noqa: F401,F403
from reference.session03.ex01_simple_mlp import SimpleMLP as _Reference

CAUGHT_BY = {"forward"}


class SimpleMLP(_Reference):
    def forward(self, x):
        return F.relu(self.fc2(F.relu(self.fc1(x))))
