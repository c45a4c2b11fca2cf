"""Mutant: the sequences are shuffled but the labels are not, so labels no longer belong
to their sequences."""
import torch

from reference.session04.ex02_motif_cnn import MotifCNN  # noqa: F401
from reference.session04.ex02_motif_cnn import generate_sequences_with_motif as _reference

CAUGHT_BY = {"motif_data"}


def generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42):
    sequences, labels = _reference(n_samples, seq_len, motif, seed)
    order = torch.randperm(n_samples, generator=torch.Generator().manual_seed(seed + 1))
    return sequences[order], labels
