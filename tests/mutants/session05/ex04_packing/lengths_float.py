"""Mutant: the collate returns the lengths as float32, which pack_padded_sequence does not want."""
import torch
from torch.nn.utils.rnn import pad_sequence

from reference.session05.ex04_packing import PackedLSTMClassifier, handle_variable_length  # noqa: F401

CAUGHT_BY = {"lengths"}


def collate_sequences(batch):
    seqs, labels = zip(*batch)
    lengths = torch.tensor([float(len(s)) for s in seqs])
    return pad_sequence(list(seqs), batch_first=True), lengths, torch.tensor([float(y) for y in labels])
