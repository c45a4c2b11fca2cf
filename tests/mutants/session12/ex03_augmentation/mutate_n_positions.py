"""Mutant: every position is a candidate, N included: argmax of an all-zero column is 0, so a chosen N becomes
a base (C, G or T) instead of staying N."""
import torch
import torch.nn.functional as F

from reference.session12.ex03_augmentation import random_shift, reverse_complement  # noqa: F401

CAUGHT_BY = {"n_untouched"}


def mutate(x, rate, generator):
    is_base = x.sum(dim=-2) > 0
    codes = x.argmax(dim=-2)
    chosen = torch.rand(codes.shape, generator=generator) < rate
    step = torch.randint(1, 4, codes.shape, generator=generator)
    new_codes = torch.where(chosen, (codes + step) % 4, codes)
    out = F.one_hot(new_codes, 4).movedim(-1, -2).to(x.dtype)
    keep = is_base | chosen
    return torch.where(keep.unsqueeze(-2), out, torch.zeros_like(out))
