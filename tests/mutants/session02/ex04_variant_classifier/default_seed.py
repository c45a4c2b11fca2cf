"""Mutant: a default seed of 0 where the spec states 42."""
from reference.session02.ex04_variant_classifier import (  # noqa: F401
    binary_cross_entropy_loss, logistic_model, train_classifier)
from reference.session02.ex04_variant_classifier import generate_variant_data as _correct_data

CAUGHT_BY = {"variant_data_seeded"}


def generate_variant_data(n_samples=1000, seed=0):
    return _correct_data(n_samples, seed)
