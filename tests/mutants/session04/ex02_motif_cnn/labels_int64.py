"""Mutant: the labels built with torch.tensor from a list of ints: int64, not float32
(nn.BCELoss refuses integer targets)."""
from reference.session04.ex02_motif_cnn import MotifCNN  # noqa: F401
from reference.session04.ex02_motif_cnn import generate_sequences_with_motif as _reference

CAUGHT_BY = {"motif_data", "motif_data_seeded"}


def generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42):
    sequences, labels = _reference(n_samples, seq_len, motif, seed)
    return sequences, labels.long()
