"""Mutant: moves the lengths to the input's device before packing; pack_padded_sequence needs
them on the CPU, so the model fails on any other device."""
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from reference.session05.ex04_packing import collate_sequences  # noqa: F401
from reference.session05.ex04_packing import PackedLSTMClassifier as _Reference

CAUGHT_BY = {"follows_device"}


def handle_variable_length(lstm, sequences, lengths):
    packed = pack_padded_sequence(sequences, lengths.to(sequences.device), batch_first=True,
                                  enforce_sorted=False)
    out, (h, _) = lstm(packed)
    unpacked, _ = pad_packed_sequence(out, batch_first=True, total_length=sequences.shape[1])
    return unpacked, h[-1]


class PackedLSTMClassifier(_Reference):
    def forward(self, x, lengths):
        _, last = handle_variable_length(self.lstm, x, lengths)
        return self.head(last).sigmoid().squeeze(-1)
