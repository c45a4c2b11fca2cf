"""Mutant: the final state taken from the last padded position, outputs[:, -1] (the guide's BiLSTM
mistake), which is 0 for every sequence shorter than the batch."""
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from reference.session05.ex04_packing import collate_sequences  # noqa: F401
from reference.session05.ex04_packing import PackedLSTMClassifier as _Reference

CAUGHT_BY = {"equals_alone", "unsorted_batch"}


def handle_variable_length(lstm, sequences, lengths):
    packed = pack_padded_sequence(sequences, lengths, batch_first=True, enforce_sorted=False)
    out, _ = lstm(packed)
    unpacked, _ = pad_packed_sequence(out, batch_first=True, total_length=sequences.shape[1])
    return unpacked, unpacked[:, -1]


class PackedLSTMClassifier(_Reference):
    def forward(self, x, lengths):
        _, last = handle_variable_length(self.lstm, x, lengths)
        return self.head(last).sigmoid().squeeze(-1)
