"""Mutant: the new base drawn among all four: a quarter of the chosen positions "mutate" into the base they
had, so only 3/4 of the asked rate of bases change (and rate 1 does not change every base)."""
import torch
import torch.nn.functional as F

from reference.session12.ex03_augmentation import random_shift, reverse_complement  # noqa: F401

CAUGHT_BY = {"mutation_rate", "n_untouched"}


def mutate(x, rate, generator):
    is_base = x.sum(dim=-2) > 0
    codes = x.argmax(dim=-2)
    chosen = (torch.rand(codes.shape, generator=generator) < rate) & is_base
    drawn = torch.randint(0, 4, codes.shape, generator=generator)
    new_codes = torch.where(chosen, drawn, codes)
    out = F.one_hot(new_codes, 4).movedim(-1, -2).to(x.dtype)
    return torch.where(is_base.unsqueeze(-2), out, torch.zeros_like(out))
