"""Mutant: N (and every other letter) encoded as 0.25 everywhere instead of zeros."""
import torch

from reference.session03.ex02_promoter_classifier import PromoterClassifier, train_with_validation  # noqa: F401

CAUGHT_BY = {"encode_sequence"}


def encode_sequence(seq):
    index = {"A": 0, "C": 1, "G": 2, "T": 3}
    out = torch.full((len(seq), 4), 0.25)
    for i, base in enumerate(seq.upper()):
        if base in index:
            out[i] = 0.0
            out[i, index[base]] = 1.0
    return out.flatten()
