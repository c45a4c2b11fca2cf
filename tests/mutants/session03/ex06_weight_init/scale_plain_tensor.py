"""Mutant: an output scale kept as a plain tensor attribute, left behind by .to(device)."""
import torch

from reference.session03.ex06_weight_init import InitializedMLP as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class InitializedMLP(_Reference):
    def __init__(self, init_method="default"):
        super().__init__(init_method)
        self.scale = torch.ones(1)

    def forward(self, x):
        return super().forward(x) * self.scale
