"""Mutant: the collate pads every batch to a fixed 40 positions (the data's longest) rather than
to the batch's own longest sequence."""
import torch

from reference.session05.ex04_packing import PackedLSTMClassifier, handle_variable_length  # noqa: F401

CAUGHT_BY = {"lengths", "collate"}


def collate_sequences(batch):
    padded = torch.zeros(len(batch), 40, batch[0][0].shape[1])
    for i, (seq, _) in enumerate(batch):
        padded[i, :len(seq)] = seq
    lengths = torch.tensor([len(seq) for seq, _ in batch], dtype=torch.int64)
    return padded, lengths, torch.tensor([float(y) for _, y in batch])
