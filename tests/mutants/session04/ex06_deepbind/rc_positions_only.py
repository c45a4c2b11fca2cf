"""Mutant: the reverse complement only reverses the positions and forgets to complement the
bases (the rows stay A, C, G, T), so a site on the other strand reads as its mirror image."""
import torch

from reference.session04.ex06_deepbind import DeepBindModel  # noqa: F401

CAUGHT_BY = {"reverse_complement", "both_strands"}


def reverse_complement_one_hot(x):
    return torch.flip(x, dims=(-1,))


def score_both_strands(model, x):
    return torch.maximum(model(x), model(reverse_complement_one_hot(x)))
