"""Mutant: the classes swapped, pathogenic variants labelled 0.0 and benign ones 1.0."""
from reference.session02.ex04_variant_classifier import (  # noqa: F401
    binary_cross_entropy_loss, logistic_model, train_classifier)
from reference.session02.ex04_variant_classifier import generate_variant_data as _correct_data

CAUGHT_BY = {"variant_data"}


def generate_variant_data(n_samples=1000, seed=42):
    features, labels = _correct_data(n_samples, seed)
    return features, 1 - labels
