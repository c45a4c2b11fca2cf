"""Alternative: float32 throughout, the frequencies as torch.exp(-log(10000) * 2i / d_model), the
angles as an outer product, and the columns interleaved by stacking (sin, cos) on a last axis."""
import math

import torch
from torch import nn


class PositionalEncoding(nn.Module):
    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        if d_model % 2 != 0:
            raise ValueError(f"PositionalEncoding needs an even d_model, not {d_model}")
        self.max_len = max_len
        two_i = torch.arange(0, d_model, 2, dtype=torch.float32)
        frequencies = torch.exp(two_i * (-math.log(10000.0) / d_model))
        angles = torch.outer(torch.arange(max_len, dtype=torch.float32), frequencies)  # [max_len, d/2]
        table = torch.stack((angles.sin(), angles.cos()), dim=-1).reshape(max_len, d_model)
        self.register_buffer("pe", table)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        length = x.shape[1]
        if length > self.max_len:
            raise ValueError(f"got {length} positions (L={length}) but max_len={self.max_len}")
        return x + self.pe.narrow(0, 0, length).unsqueeze(0)
