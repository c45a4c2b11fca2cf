"""Mutant: generate feeds the whole sequence to the model at every step, never cropping it to the
last model.max_len tokens: past max_len the position embedding has no row for the new positions."""
import torch

from reference.session07.ex06_dna_gpt import DNAGPT, causal_mask, next_token_loss, sample_next  # noqa: F401

CAUGHT_BY = {"generates_motif", "seeded_sampling"}


def generate(model, prompt, n_new, temperature=1.0, top_k=None, generator=None):
    was_training = model.training
    model.eval()
    tokens = prompt
    with torch.no_grad():
        for _ in range(n_new):
            nxt = sample_next(model(tokens)[:, -1], temperature, top_k, generator)
            tokens = torch.cat([tokens, nxt.unsqueeze(1)], dim=1)
    model.train(was_training)
    return tokens
