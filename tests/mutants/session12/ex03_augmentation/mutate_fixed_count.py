"""Mutant: round(rate * L) positions per sequence, picked with torch.randperm: the right mean, but not one
independent coin per position (every sequence gets the same number of mutations)."""
import torch

from reference.session12.ex03_augmentation import random_shift, reverse_complement  # noqa: F401

CAUGHT_BY = {"mutation_rate"}


def _mutate_one(sequence, rate, generator):
    out = sequence.clone()
    length = sequence.shape[-1]
    for j in torch.randperm(length, generator=generator)[:round(rate * length)].tolist():
        if sequence[:, j].sum() > 0:
            code = int(sequence[:, j].argmax())
            new = (code + int(torch.randint(1, 4, (1,), generator=generator))) % 4
            out[:, j] = 0.0
            out[new, j] = 1.0
    return out


def mutate(x, rate, generator):
    if x.dim() == 2:
        return _mutate_one(x, rate, generator)
    return torch.stack([_mutate_one(row, rate, generator) for row in x])
