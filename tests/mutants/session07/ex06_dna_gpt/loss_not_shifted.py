"""Mutant: the loss scores each position's prediction against the token AT that position instead
of the next one: the model learns to copy its input, which the causal mask allows trivially."""
import torch.nn.functional as F

from reference.session07.ex06_dna_gpt import DNAGPT, causal_mask, generate, sample_next  # noqa: F401

CAUGHT_BY = {"generates_motif"}


def next_token_loss(model, tokens):
    logits = model(tokens)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tokens.reshape(-1))
