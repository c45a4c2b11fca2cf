"""Mutant: no sequence is redrawn, as in the course guide: now and then a negative carries
the motif by chance (a mislabelled negative) and a positive carries it twice."""
import torch

from coursekit.data.session04 import one_hot
from reference.session04.ex02_motif_cnn import MotifCNN  # noqa: F401

CAUGHT_BY = {"motif_data"}


def generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42):
    if len(motif) > seq_len:
        raise ValueError("the motif is longer than the sequence")
    generator = torch.Generator().manual_seed(seed)
    sequences, labels = [], []
    for i in range(n_samples):
        positive = i < n_samples // 2
        seq = "".join("ACGT"[b] for b in torch.randint(0, 4, (seq_len,), generator=generator).tolist())
        if positive:
            start = int(torch.randint(0, seq_len - len(motif) + 1, (1,), generator=generator))
            seq = seq[:start] + motif + seq[start + len(motif):]
        sequences.append(seq)
        labels.append(float(positive))
    return one_hot(sequences), torch.tensor(labels)
