"""Mutant: no special case for temperature 0 (and no check for a negative one): the logits are
divided by zero, the softmax is NaN and torch.multinomial refuses it."""
import torch
import torch.nn.functional as F

from reference.session07.ex06_dna_gpt import DNAGPT, causal_mask, generate, next_token_loss  # noqa: F401

CAUGHT_BY = {"greedy_limit"}


def sample_next(logits, temperature=1.0, top_k=None, generator=None):
    scaled = logits / temperature
    if top_k is not None:
        kth = scaled.topk(min(top_k, scaled.shape[-1]), dim=-1).values[:, -1:]
        scaled = scaled.masked_fill(scaled < kth, float("-inf"))
    return torch.multinomial(F.softmax(scaled, dim=-1), 1, generator=generator).squeeze(-1)
