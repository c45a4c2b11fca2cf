"""Mutant: a feature mask kept as a plain tensor attribute, left behind by .to(device)."""
import torch

from reference.session03.ex05_dropout import DropoutMLP as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class DropoutMLP(_Reference):
    def __init__(self, dropout_rate=0.0):
        super().__init__(dropout_rate)
        self.feature_mask = torch.ones(5)

    def forward(self, x):
        return super().forward(x * self.feature_mask)
