"""Mutant: the mask is returned as an additive float mask (0 allowed, -inf blocked) instead of
the bool mask the spec asks for (True = blocked)."""
import torch

from reference.session07.ex06_dna_gpt import DNAGPT, generate, next_token_loss, sample_next  # noqa: F401

CAUGHT_BY = {"causal_mask"}


def causal_mask(length, device=None):
    blocked = torch.ones(length, length, dtype=torch.bool, device=device).triu(1)
    return torch.zeros(length, length, device=device).masked_fill(blocked, float("-inf"))
