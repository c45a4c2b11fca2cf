"""Mutant: register_buffer("pe", table, persistent=False): the table moves with .to() but is not
saved in state_dict(), so a saved model does not carry its encoding."""
import torch
from torch import nn

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"buffer_not_parameter"}


class PositionalEncoding(nn.Module):
    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        self.register_buffer("pe", _Reference(d_model, max_len).pe.clone(), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe[:x.size(1)]
