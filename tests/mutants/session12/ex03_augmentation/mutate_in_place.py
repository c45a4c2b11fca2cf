"""Mutant: mutate writes the new bases into x itself and returns it: the dataset's sequence is changed for
good, so mutations pile up epoch after epoch."""
import torch

from reference.session12.ex03_augmentation import random_shift, reverse_complement  # noqa: F401

CAUGHT_BY = {"generator_only"}


def mutate(x, rate, generator):
    is_base = x.sum(dim=-2) > 0
    codes = x.argmax(dim=-2)
    chosen = (torch.rand(codes.shape, generator=generator) < rate) & is_base
    new_codes = (codes + torch.randint(1, 4, codes.shape, generator=generator)) % 4
    rows = torch.arange(4).view(*([1] * (x.dim() - 2)), 4, 1)
    new_columns = (rows == new_codes.unsqueeze(-2)).to(x.dtype)
    x[...] = torch.where(chosen.unsqueeze(-2), new_columns, x)
    return x
