"""Mutant: hand-written dropout that zeroes units but forgets the 1/(1-p) rescale."""
import torch
import torch.nn.functional as F

from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"inverted_scaling"}


class DropoutMLP(_Reference):
    def __init__(self, dropout_rate=0.0):
        super().__init__(dropout_rate)
        self.p = dropout_rate

    def _drop(self, x):
        if not self.training:
            return x
        return x * (torch.rand_like(x) >= self.p)

    def forward(self, x):
        x = self._drop(F.relu(self.fc1(x)))
        x = self._drop(F.relu(self.fc2(x)))
        return self.fc3(x)
