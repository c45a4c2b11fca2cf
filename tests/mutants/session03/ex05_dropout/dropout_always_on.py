"""Mutant: F.dropout without training=self.training, so it stays on in eval mode."""
import torch.nn.functional as F

from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"eval_deterministic"}


class DropoutMLP(_Reference):
    def __init__(self, dropout_rate=0.0):
        super().__init__(dropout_rate)
        self.p = dropout_rate

    def forward(self, x):
        x = F.dropout(F.relu(self.fc1(x)), self.p)
        x = F.dropout(F.relu(self.fc2(x)), self.p)
        return self.fc3(x)
