"""Mutant: the mask is always built on the CPU: the device argument is ignored."""
import torch

from reference.session07.ex06_dna_gpt import DNAGPT, generate, next_token_loss, sample_next  # noqa: F401

CAUGHT_BY = {"causal_mask"}


def causal_mask(length, device=None):
    return torch.ones(length, length, dtype=torch.bool).triu(1)
