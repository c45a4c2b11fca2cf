"""Mutant: forward wrapped in torch.no_grad(), so nothing can be trained."""
import torch

from reference.session03.ex04_batch_norm import MLPWithBatchNorm as _Reference

CAUGHT_BY = {"learns"}


class MLPWithBatchNorm(_Reference):
    def forward(self, x):
        with torch.no_grad():
            return super().forward(x)
