"""Mutant: the course guide's loop, one positive and one negative per pass over
range(n_samples // 2): an odd n_samples loses a sequence (7 gives 6, 1 gives none)."""
import torch

from coursekit.data.session04 import one_hot
from reference.session04.ex02_motif_cnn import MotifCNN  # noqa: F401

CAUGHT_BY = {"motif_data"}


def _draw(seq_len, motif, positive, generator):
    while True:
        seq = "".join("ACGT"[b] for b in torch.randint(0, 4, (seq_len,), generator=generator).tolist())
        if positive:
            start = int(torch.randint(0, seq_len - len(motif) + 1, (1,), generator=generator))
            seq = seq[:start] + motif + seq[start + len(motif):]
        if seq.count(motif) == int(positive):
            return seq


def generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42):
    if len(motif) > seq_len:
        raise ValueError("the motif is longer than the sequence")
    generator = torch.Generator().manual_seed(seed)
    sequences, labels = [], []
    for _ in range(n_samples // 2):
        sequences += [_draw(seq_len, motif, True, generator), _draw(seq_len, motif, False, generator)]
        labels += [1.0, 0.0]
    return one_hot(sequences), torch.tensor(labels)
