"""Mutant: the generator seeds torch's global random generator (torch.manual_seed(seed)) and
draws from it, as the course guide does with numpy: reproducible, but it resets the
random numbers of whoever calls it."""
import torch

from coursekit.data.session04 import one_hot
from reference.session04.ex02_motif_cnn import MotifCNN  # noqa: F401

CAUGHT_BY = {"motif_data_seeded"}


def generate_sequences_with_motif(n_samples=1000, seq_len=50, motif="TATAAA", seed=42):
    if len(motif) > seq_len:
        raise ValueError("the motif is longer than the sequence")
    torch.manual_seed(seed)
    sequences, labels = [], []
    for i in range(n_samples):
        positive = i < n_samples // 2
        while True:
            seq = "".join("ACGT"[b] for b in torch.randint(0, 4, (seq_len,)).tolist())
            if positive:
                start = int(torch.randint(0, seq_len - len(motif) + 1, (1,)))
                seq = seq[:start] + motif + seq[start + len(motif):]
            if seq.count(motif) == int(positive):
                break
        sequences.append(seq)
        labels.append(float(positive))
    return one_hot(sequences), torch.tensor(labels)
