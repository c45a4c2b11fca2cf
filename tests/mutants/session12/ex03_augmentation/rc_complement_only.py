"""Mutant: the complement without the reversal: only the rows are flipped (A <-> T, C <-> G), the sequence is
still read in its own direction, so an N stays where it was instead of moving to its mirrored position."""
import torch

from reference.session12.ex03_augmentation import mutate, random_shift  # noqa: F401

CAUGHT_BY = {"reverse_complement", "n_untouched"}


def reverse_complement(x):
    return torch.flip(x, dims=(-2,))
