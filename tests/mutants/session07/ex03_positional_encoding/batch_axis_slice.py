"""Mutant: the sequence-first tutorial code kept for batch-first input: the table is cut with
x.size(0) (the batch size B) instead of x.size(1) (the length L), so pe[:B] is added (a shape
error, or, when B == 1, the first row added to every position)."""
import torch

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"adds_to_input", "any_length"}


class PositionalEncoding(_Reference):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        return x + self.pe[:x.size(0)]
