"""Mutant: no ReLU between conv1 and the pool."""
import torch.nn.functional as F

from reference.session04.ex01_simple_cnn import *  # noqa: F401,F403
from reference.session04.ex01_simple_cnn import SimpleCNN as _Reference

CAUGHT_BY = {"forward"}


class SimpleCNN(_Reference):
    def forward(self, x):
        return F.relu(self.conv2(self.pool(self.conv1(x))))
