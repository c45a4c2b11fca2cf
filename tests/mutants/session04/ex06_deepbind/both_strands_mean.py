"""Mutant: the two strands' scores are averaged instead of taking the maximum (still the same
for a sequence and its reverse complement, but a site on one strand is diluted)."""
from reference.session04.ex06_deepbind import DeepBindModel, reverse_complement_one_hot  # noqa: F401

CAUGHT_BY = {"both_strands"}


def score_both_strands(model, x):
    return (model(x) + model(reverse_complement_one_hot(x))) / 2
