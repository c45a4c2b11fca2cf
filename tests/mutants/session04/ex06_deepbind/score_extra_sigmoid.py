"""Mutant: score_both_strands applies a sigmoid to the maximum, although the model already
returns probabilities."""
import torch

from reference.session04.ex06_deepbind import DeepBindModel, reverse_complement_one_hot  # noqa: F401

CAUGHT_BY = {"both_strands"}


def score_both_strands(model, x):
    return torch.sigmoid(torch.maximum(model(x), model(reverse_complement_one_hot(x))))
