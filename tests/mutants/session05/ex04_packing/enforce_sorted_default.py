"""Mutant: pack_padded_sequence without enforce_sorted=False, so an unsorted batch is refused."""
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from reference.session05.ex04_packing import PackedLSTMClassifier, collate_sequences  # noqa: F401

CAUGHT_BY = {"unsorted_batch"}


def handle_variable_length(lstm, sequences, lengths):
    packed = pack_padded_sequence(sequences, lengths, batch_first=True)
    out, (h, _) = lstm(packed)
    unpacked, _ = pad_packed_sequence(out, batch_first=True, total_length=sequences.shape[1])
    return unpacked, h[-1]
