"""Mutant: the table is stored as an nn.Parameter (trainable): it shows up in parameters(), an
optimizer would change the fixed encoding, and the model counts max_len * d_model parameters."""
import torch
from torch import nn

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"buffer_not_parameter"}


class PositionalEncoding(nn.Module):
    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        table = _Reference(d_model, max_len).pe
        self.pe = nn.Parameter(table.clone())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe[:x.size(1)]
