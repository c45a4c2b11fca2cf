"""Mutant: a per-feature input scale (all ones) kept as a plain tensor, left behind by .to(device)."""
import torch

from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class MLPWithBatchNorm(_Reference):
    def __init__(self, use_bn=True):
        super().__init__(use_bn)
        self.input_scale = torch.ones(10)

    def forward(self, x):
        return super().forward(x * self.input_scale)
