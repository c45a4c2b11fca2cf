"""Mutant: all the sines in the first half of the columns and all the cosines in the second
half (torch.cat([sin, cos], dim=1)), instead of interleaving sin, cos, sin, cos, ..."""
import torch
from torch import nn

CAUGHT_BY = {"closed_form", "adds_to_input"}


class PositionalEncoding(nn.Module):
    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        if d_model % 2:
            raise ValueError(f"d_model must be even, got {d_model}")
        position = torch.arange(max_len, dtype=torch.float32).unsqueeze(1)
        angle = position / 10000.0 ** (torch.arange(0, d_model, 2, dtype=torch.float32) / d_model)
        self.register_buffer("pe", torch.cat([torch.sin(angle), torch.cos(angle)], dim=1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe[:x.size(1)]
