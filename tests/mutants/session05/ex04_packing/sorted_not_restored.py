"""Mutant: sorts the batch by decreasing length to pack it, and returns the results in that
sorted order instead of the batch's own."""
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from reference.session05.ex04_packing import PackedLSTMClassifier, collate_sequences  # noqa: F401

CAUGHT_BY = {"unsorted_batch"}


def handle_variable_length(lstm, sequences, lengths):
    lengths, order = torch.sort(lengths, descending=True)
    packed = pack_padded_sequence(sequences[order.to(sequences.device)], lengths, batch_first=True)
    out, (h, _) = lstm(packed)
    unpacked, _ = pad_packed_sequence(out, batch_first=True, total_length=sequences.shape[1])
    return unpacked, h[-1]
