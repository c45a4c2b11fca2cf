"""Mutant: a chosen base always becomes the next one in A, C, G, T (A -> C, C -> G, G -> T, T -> A): a
different base at the right rate, but not uniform among the other three."""
import torch
import torch.nn.functional as F

from reference.session12.ex03_augmentation import random_shift, reverse_complement  # noqa: F401

CAUGHT_BY = {"mutation_rate"}


def mutate(x, rate, generator):
    is_base = x.sum(dim=-2) > 0
    codes = x.argmax(dim=-2)
    chosen = (torch.rand(codes.shape, generator=generator) < rate) & is_base
    new_codes = torch.where(chosen, (codes + 1) % 4, codes)
    out = F.one_hot(new_codes, 4).movedim(-1, -2).to(x.dtype)
    return torch.where(is_base.unsqueeze(-2), out, torch.zeros_like(out))
