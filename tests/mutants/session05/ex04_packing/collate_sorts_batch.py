"""Mutant: the collate sorts the batch by decreasing length (as some packing tutorials do), so
the sequences and labels no longer come in the batch's order."""
import torch
from torch.nn.utils.rnn import pad_sequence

from reference.session05.ex04_packing import PackedLSTMClassifier, handle_variable_length  # noqa: F401

CAUGHT_BY = {"collate"}


def collate_sequences(batch):
    batch = sorted(batch, key=lambda pair: pair[0].shape[0], reverse=True)
    seqs = [s for s, _ in batch]
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.int64)
    return pad_sequence(seqs, batch_first=True), lengths, torch.tensor([float(y) for _, y in batch])
