"""Mutant: the complement taken as "row + 2 (mod 4)" (A<->G, C<->T) instead of reversing the
rows A, C, G, T (A<->T, C<->G); the positions are reversed correctly."""
from reference.session04.ex06_deepbind import DeepBindModel  # noqa: F401

CAUGHT_BY = {"reverse_complement", "both_strands"}


def reverse_complement_one_hot(x):
    return x[..., [2, 3, 0, 1], :].flip(-1)


def score_both_strands(model, x):
    return model(x).maximum(model(reverse_complement_one_hot(x)))
