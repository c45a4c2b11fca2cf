"""Mutant: the causal mask also blocks the diagonal (triu(0) instead of triu(1)), so a position
cannot attend to its own token and the first position has no key left at all."""
import torch

from reference.session07.ex06_dna_gpt import DNAGPT as _DNAGPT, generate, next_token_loss, sample_next  # noqa: F401

CAUGHT_BY = {"causal_mask", "no_future_leakage"}


def causal_mask(length, device=None):
    return torch.ones(length, length, dtype=torch.bool, device=device).triu(0)


class DNAGPT(_DNAGPT):
    """The reference model, with this module's mask."""

    def forward(self, tokens):
        length = tokens.shape[1]
        x = self.token_embedding(tokens) + self.position_embedding(torch.arange(length, device=tokens.device))
        x = self.blocks(x, mask=causal_mask(length, device=tokens.device), is_causal=True)
        return self.head(self.norm(x))
