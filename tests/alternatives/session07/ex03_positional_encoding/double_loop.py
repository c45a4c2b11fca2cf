"""Alternative: the table filled by a Python double loop with math.sin / math.cos (float64
arithmetic), turned into a float32 tensor; forward adds it with torch.add and an explicit
batch axis."""
import math

import torch
from torch import nn


class PositionalEncoding(nn.Module):
    def __init__(self, d_model: int, max_len: int = 512):
        super().__init__()
        if d_model % 2 == 1:
            raise ValueError("d_model = %d is odd: sine/cosine pairs need an even width" % d_model)
        rows = []
        for pos in range(max_len):
            row = [0.0] * d_model
            for i in range(d_model // 2):
                angle = pos / math.pow(10000.0, 2 * i / d_model)
                row[2 * i] = math.sin(angle)
                row[2 * i + 1] = math.cos(angle)
            rows.append(row)
        table = torch.tensor(rows, dtype=torch.float32).reshape(max_len, d_model)
        self.register_buffer("pe", table, persistent=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        limit = self.pe.shape[0]
        if length > limit:
            raise ValueError("input has %d positions; this encoding holds max_len = %d" % (length, limit))
        return torch.add(x, self.pe[0:length][None, :, :])
