"""Mutant: generate switches the model to eval mode and leaves it there: a training loop that
samples now and then silently continues without dropout."""
import torch

from reference.session07.ex06_dna_gpt import DNAGPT, causal_mask, next_token_loss, sample_next  # noqa: F401

CAUGHT_BY = {"generates_motif"}


def generate(model, prompt, n_new, temperature=1.0, top_k=None, generator=None):
    model.eval()
    tokens = prompt
    with torch.no_grad():
        for _ in range(n_new):
            nxt = sample_next(model(tokens[:, -model.max_len:])[:, -1], temperature, top_k, generator)
            tokens = torch.cat([tokens, nxt.unsqueeze(1)], dim=1)
    return tokens
