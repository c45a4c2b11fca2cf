"""Mutant: forward wrapped in torch.no_grad(), so nothing can be trained."""
import torch

from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"learns"}


class DropoutMLP(_Reference):
    def forward(self, x):
        with torch.no_grad():
            return super().forward(x)
