"""Mutant: the course guide's handle_variable_length, which runs a global model's LSTM instead of
the LSTM it is given."""
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from reference.session05.ex04_packing import PackedLSTMClassifier, collate_sequences  # noqa: F401

CAUGHT_BY = {"equals_alone", "unsorted_batch", "no_padding_used"}

model = PackedLSTMClassifier(4, 16)


def handle_variable_length(lstm, sequences, lengths):
    packed = pack_padded_sequence(sequences, lengths, batch_first=True, enforce_sorted=False)
    out, (h, _) = model.lstm(packed)
    unpacked, _ = pad_packed_sequence(out, batch_first=True, total_length=sequences.shape[1])
    return unpacked, h[-1]
