"""Mutant: decoding by argmax, so an all-zero column comes back as A instead of N."""
from reference.session01.ex01_dna_encoding import one_hot_encode, one_hot_encode_batch, one_hot_encode_vectorized  # noqa: F401

CAUGHT_BY = {"round_trip"}


def decode_one_hot(one_hot):
    return "".join("ACGT"[i] for i in one_hot.argmax(dim=0).tolist())
