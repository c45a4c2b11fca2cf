"""Mutant: a default of 500 variants where the spec states n_samples=1000."""
from reference.session02.ex04_variant_classifier import (  # noqa: F401
    binary_cross_entropy_loss, logistic_model, train_classifier)
from reference.session02.ex04_variant_classifier import generate_variant_data as _correct_data

CAUGHT_BY = {"variant_data", "variant_data_seeded"}


def generate_variant_data(n_samples=500, seed=42):
    return _correct_data(n_samples, seed)
