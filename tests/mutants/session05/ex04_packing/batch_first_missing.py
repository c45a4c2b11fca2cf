"""Mutant: pack_padded_sequence without batch_first=True on a batch-first tensor, so it reads the
positions as the batch."""
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from reference.session05.ex04_packing import PackedLSTMClassifier, collate_sequences  # noqa: F401

CAUGHT_BY = {"equals_alone", "unsorted_batch"}


def handle_variable_length(lstm, sequences, lengths):
    packed = pack_padded_sequence(sequences, lengths, enforce_sorted=False)
    out, (h, _) = lstm(packed)
    unpacked, _ = pad_packed_sequence(out, total_length=sequences.shape[0])
    return unpacked, h[-1]
