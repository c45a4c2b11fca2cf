"""Mutant: the PyTorch tutorial's default max_len=5000 instead of the spec's 512: the table is
[5000, d_model] and a 513-position sequence is accepted instead of refused."""
import torch
from torch import nn

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"buffer_not_parameter", "too_long", "closed_form"}


class PositionalEncoding(nn.Module):
    def __init__(self, d_model: int, max_len: int = 5000):
        super().__init__()
        self.register_buffer("pe", _Reference(d_model, max_len).pe.clone())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe[:x.size(1)]
