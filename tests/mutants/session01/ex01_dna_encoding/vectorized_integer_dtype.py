"""Mutant: F.one_hot's int64 result returned without .float()."""
import numpy as np
import torch
import torch.nn.functional as F

from reference.session01.ex01_dna_encoding import _byte_rows, decode_one_hot, one_hot_encode, one_hot_encode_batch  # noqa: F401

CAUGHT_BY = {"vectorized_equal", "vectorized_no_loop"}


def one_hot_encode_vectorized(sequence):
    codes = np.frombuffer(sequence.encode("ascii"), dtype=np.uint8)
    return F.one_hot(torch.from_numpy(_byte_rows()[codes]), num_classes=5)[:, :4].T
