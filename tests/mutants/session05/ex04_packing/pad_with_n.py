"""Mutant: the collate pads with 0.25 in every column (an N, 'any base'), not with zeros."""
import torch

from reference.session05.ex04_packing import PackedLSTMClassifier, handle_variable_length  # noqa: F401

CAUGHT_BY = {"collate"}


def collate_sequences(batch):
    longest = max(seq.shape[0] for seq, _ in batch)
    padded = torch.full((len(batch), longest, batch[0][0].shape[1]), 0.25)
    for i, (seq, _) in enumerate(batch):
        padded[i, :seq.shape[0]] = seq
    lengths = torch.tensor([seq.shape[0] for seq, _ in batch])
    return padded, lengths, torch.tensor([float(y) for _, y in batch])
