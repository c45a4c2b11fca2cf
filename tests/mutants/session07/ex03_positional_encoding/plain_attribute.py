"""Mutant: the table is a plain attribute (self.pe = table), not registered: it is missing from
state_dict(), and .to(device) / .to(torch.float64) leave it behind on the CPU in float32."""
import torch
from torch import nn

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"buffer_not_parameter", "follows_device"}


class PositionalEncoding(nn.Module):
    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        self.pe = _Reference(d_model, max_len).pe.clone()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe[:x.size(1)]
