"""Reference solution: session 7, exercise 3 (sinusoidal positional encoding, stored as a buffer)."""
import torch
from torch import nn


class PositionalEncoding(nn.Module):
    """Adds the fixed sinusoidal table ``pe`` (a buffer, float32 [max_len, d_model]) to x [B, L, d_model]."""

    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        if d_model % 2:
            raise ValueError(f"d_model must be even (sin/cos pairs), got d_model={d_model}")
        position = torch.arange(max_len, dtype=torch.float64).unsqueeze(1)  # [max_len, 1]
        pair = torch.arange(0, d_model, 2, dtype=torch.float64)  # 2i for i = 0 .. d_model/2 - 1
        angle = position / 10000.0 ** (pair / d_model)  # [max_len, d_model/2]
        pe = torch.zeros(max_len, d_model, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(angle)
        pe[:, 1::2] = torch.cos(angle)
        self.register_buffer("pe", pe.float())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        length, max_len = x.size(1), self.pe.size(0)
        if length > max_len:
            raise ValueError(f"sequence length L={length} exceeds max_len={max_len}")
        return x + self.pe[:length]
