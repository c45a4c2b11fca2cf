"""Mutant: pad_packed_sequence without total_length, so the outputs stop at the longest sequence
and are shorter than the input when the input carries extra padding."""
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from reference.session05.ex04_packing import PackedLSTMClassifier, collate_sequences  # noqa: F401

CAUGHT_BY = {"no_padding_used"}


def handle_variable_length(lstm, sequences, lengths):
    packed = pack_padded_sequence(sequences, lengths, batch_first=True, enforce_sorted=False)
    out, (h, _) = lstm(packed)
    unpacked, _ = pad_packed_sequence(out, batch_first=True)
    return unpacked, h[-1]
