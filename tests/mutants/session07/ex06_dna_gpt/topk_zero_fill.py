"""Mutant: the logits outside the top k are set to 0 instead of -inf before the softmax, so they
keep a probability exp(0) / Z: larger than the kept tokens' when those logits are negative."""
import torch
import torch.nn.functional as F

from reference.session07.ex06_dna_gpt import DNAGPT, causal_mask, generate, next_token_loss  # noqa: F401

CAUGHT_BY = {"top_k", "greedy_limit"}


def sample_next(logits, temperature=1.0, top_k=None, generator=None):
    if temperature < 0:
        raise ValueError("temperature must be >= 0")
    if temperature == 0:
        return logits.argmax(dim=-1)
    scaled = logits / temperature
    if top_k is not None:
        kth = scaled.topk(min(top_k, scaled.shape[-1]), dim=-1).values[:, -1:]
        scaled = scaled.masked_fill(scaled < kth, 0.0)
    return torch.multinomial(F.softmax(scaled, dim=-1), 1, generator=generator).squeeze(-1)
