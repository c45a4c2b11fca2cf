"""Mutant: no ReLU after conv2 (the last layer left linear, as if it were an output layer)."""
import torch.nn.functional as F

from reference.session04.ex01_simple_cnn import *  # noqa: F401,F403
from reference.session04.ex01_simple_cnn import SimpleCNN as _Reference

CAUGHT_BY = {"forward"}


class SimpleCNN(_Reference):
    def forward(self, x):
        return self.conv2(self.pool(F.relu(self.conv1(x))))
