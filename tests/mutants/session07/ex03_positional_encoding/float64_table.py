"""Mutant: the table built with NumPy (float64) and registered as it is: the buffer is float64,
not float32, and float32 embeddings come out as float64."""
import numpy as np
import torch
from torch import nn

CAUGHT_BY = {"closed_form", "adds_to_input", "buffer_not_parameter"}


class PositionalEncoding(nn.Module):
    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        if d_model % 2:
            raise ValueError(f"d_model must be even, got {d_model}")
        angle = np.arange(max_len)[:, None] / 10000.0 ** (np.arange(0, d_model, 2) / d_model)
        pe = np.zeros((max_len, d_model))
        pe[:, 0::2], pe[:, 1::2] = np.sin(angle), np.cos(angle)
        self.register_buffer("pe", torch.from_numpy(pe))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe[:x.size(1)]
