"""Mutant: the whole table is added (x + self.pe) instead of its first L rows: it works only when
L == max_len and raises a shape error for every shorter sequence."""
import torch

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"adds_to_input", "any_length"}


class PositionalEncoding(_Reference):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe
