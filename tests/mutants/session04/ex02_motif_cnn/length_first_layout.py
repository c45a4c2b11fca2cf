"""Mutant: the one-hot sequences laid out [n, seq_len, 4] (F.one_hot's layout, never
transposed) instead of channels first [n, 4, seq_len], which nn.Conv1d expects."""
from reference.session04.ex02_motif_cnn import MotifCNN  # noqa: F401
from reference.session04.ex02_motif_cnn import generate_sequences_with_motif as _reference

CAUGHT_BY = {"motif_data", "motif_data_seeded"}


def generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42):
    sequences, labels = _reference(n_samples, seq_len, motif, seed)
    return sequences.transpose(1, 2).contiguous(), labels
