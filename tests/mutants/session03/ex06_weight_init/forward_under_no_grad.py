"""Mutant: forward wrapped in torch.no_grad(), so nothing can be trained."""
import torch

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"learns"}


class InitializedMLP(_Reference):
    def forward(self, x):
        with torch.no_grad():
            return super().forward(x)
