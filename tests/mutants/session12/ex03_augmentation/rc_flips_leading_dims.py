"""Mutant: torch.flip(x, dims=(0, 1)): right for one [4, L] sequence, but on a batch [B, 4, L] it reverses the
order of the sequences and complements, and never reverses a sequence (axes counted from the front)."""
import torch

from reference.session12.ex03_augmentation import mutate, random_shift  # noqa: F401

CAUGHT_BY = {"reverse_complement"}


def reverse_complement(x):
    return torch.flip(x, dims=(0, 1))
