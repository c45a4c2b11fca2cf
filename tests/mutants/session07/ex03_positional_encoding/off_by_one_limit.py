"""Mutant: an off-by-one limit, L >= max_len raises, so a sequence of exactly max_len positions
(which the table covers) is refused."""
import torch

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"any_length"}


class PositionalEncoding(_Reference):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) >= self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe[:x.size(1)]
