"""Mutant: no error beyond max_len: a longer sequence is silently cut to its first max_len
positions (the caller gets fewer positions back than it gave, and never hears why)."""
import torch

from reference.session07.ex03_positional_encoding import PositionalEncoding as _Reference

CAUGHT_BY = {"too_long"}


class PositionalEncoding(_Reference):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        length = min(x.size(1), self.pe.size(0))
        return x[:, :length] + self.pe[:length]
