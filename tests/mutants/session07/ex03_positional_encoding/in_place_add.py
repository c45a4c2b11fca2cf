"""Mutant: x += pe[:L] in place: the caller's embeddings are overwritten (and autograd refuses
the in-place change of a leaf that requires grad)."""
import torch

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"adds_to_input"}


class PositionalEncoding(_Reference):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.size(1) > self.pe.size(0):
            raise ValueError(f"sequence length L={x.size(1)} exceeds max_len={self.pe.size(0)}")
        x += self.pe[:x.size(1)]
        return x
