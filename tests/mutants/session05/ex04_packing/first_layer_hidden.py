"""Mutant: last_hidden = h_n[0], the first layer's state, right for one layer only."""
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from reference.session05.ex04_packing import PackedLSTMClassifier, collate_sequences  # noqa: F401

CAUGHT_BY = {"equals_alone", "unsorted_batch"}


def handle_variable_length(lstm, sequences, lengths):
    packed = pack_padded_sequence(sequences, lengths, batch_first=True, enforce_sorted=False)
    out, (h, _) = lstm(packed)
    unpacked, _ = pad_packed_sequence(out, batch_first=True, total_length=sequences.shape[1])
    return unpacked, h[0]
