"""Mutant: a tissue prior kept as a plain tensor attribute, left behind by .to(device)."""
import torch

from reference.session03.ex07_multitask import train_multitask  # noqa: F401
from reference.session03.ex07_multitask import MultiTaskModel as _Reference

CAUGHT_BY = {"follows_device", "cuda_parity"}


class MultiTaskModel(_Reference):
    def __init__(self, input_size, hidden_size, n_tissues):
        super().__init__(input_size, hidden_size, n_tissues)
        self.prior = torch.zeros(n_tissues)

    def forward(self, x):
        expression, logits = super().forward(x)
        return expression, logits + self.prior
