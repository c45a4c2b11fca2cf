"""Mutant: one-hot columns in the order A, C, T, G."""
import torch

from reference.session03.ex02_promoter_classifier import PromoterClassifier, train_with_validation  # noqa: F401

CAUGHT_BY = {"encode_sequence"}


def encode_sequence(seq):
    index = {"A": 0, "C": 1, "T": 2, "G": 3}
    out = torch.zeros(len(seq), 4)
    for i, base in enumerate(seq.upper()):
        if base in index:
            out[i, index[base]] = 1.0
    return out.flatten()
