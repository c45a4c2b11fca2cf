"""Mutant: the default n_samples is 500 instead of 1000."""
from reference.session04.ex02_motif_cnn import MotifCNN  # noqa: F401
from reference.session04.ex02_motif_cnn import generate_sequences_with_motif as _reference

CAUGHT_BY = {"motif_data", "motif_data_seeded"}


def generate_sequences_with_motif(n_samples=500, seq_len=50, motif="TATAAA", seed=42):
    return _reference(n_samples, seq_len, motif, seed)
