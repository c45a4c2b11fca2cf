"""Mutant: the reverse complement flips dimensions 0 and 1, right for one [4, L] sequence but,
for a batch [N, 4, L], it reverses the batch and the bases and leaves the positions alone."""
import torch

from reference.session04.ex06_deepbind import DeepBindModel  # noqa: F401

CAUGHT_BY = {"reverse_complement", "both_strands"}


def reverse_complement_one_hot(x):
    return torch.flip(x, dims=(0, 1))


def score_both_strands(model, x):
    return torch.maximum(model(x), model(reverse_complement_one_hot(x)))
