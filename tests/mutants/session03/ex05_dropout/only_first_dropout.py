"""Mutant: dropout after the first hidden layer only."""
import torch.nn.functional as F

from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"inverted_scaling"}


class DropoutMLP(_Reference):
    def forward(self, x):
        x = self.dropout1(F.relu(self.fc1(x)))
        return self.fc3(F.relu(self.fc2(x)))
