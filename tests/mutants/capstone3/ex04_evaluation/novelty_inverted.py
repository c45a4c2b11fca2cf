"""Mutant: novelty counts the designs found IN the training set (distance 0) instead of
those found nowhere in it: a designer that copies its training data would look novel."""
from reference.capstone3.ex04_evaluation import diversity, nearest_distances, plot_scores  # noqa: F401

CAUGHT_BY = {'novelty'}


def novelty(designs, training):
    return (nearest_distances(designs, training) == 0).double().mean().item()
