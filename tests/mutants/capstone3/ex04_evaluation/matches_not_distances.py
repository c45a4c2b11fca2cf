"""Mutant: nearest_distances returns the most matching positions (the similarity)
instead of the fewest differing ones (the distance)."""
import torch

from reference.capstone3.ex04_evaluation import _codes, diversity, plot_scores  # noqa: F401

CAUGHT_BY = {'novelty'}


def nearest_distances(designs, training):
    a = torch.nn.functional.one_hot(_codes(designs), 4).flatten(1).float()
    b = torch.nn.functional.one_hot(_codes(training), 4).flatten(1).float()
    matches = a @ b.T
    return matches.max(dim=1).values.round().long()


def novelty(designs, training):
    return (nearest_distances(designs, training) > 0).double().mean().item()
