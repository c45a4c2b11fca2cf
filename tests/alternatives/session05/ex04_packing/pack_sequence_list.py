"""Correct alternative: the collate stacks padded rows with F.pad; handle_variable_length cuts each
sequence to its length and packs the list with pack_sequence(enforce_sorted=False)."""
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_sequence, pad_packed_sequence


def collate_sequences(batch):
    longest = max(len(seq) for seq, _ in batch)
    padded = torch.stack([F.pad(seq.float(), (0, 0, 0, longest - len(seq))) for seq, _ in batch])
    lengths = torch.as_tensor([len(seq) for seq, _ in batch], dtype=torch.int64)
    labels = torch.stack([torch.as_tensor(label, dtype=torch.float32) for _, label in batch])
    return padded, lengths, labels


def handle_variable_length(lstm, sequences, lengths):
    pieces = [sequences[i, :n] for i, n in enumerate(lengths.tolist())]
    packed = pack_sequence(pieces, enforce_sorted=False)
    result, (h_n, c_n) = lstm(packed)
    outputs, _ = pad_packed_sequence(result, batch_first=True, padding_value=0.0,
                                     total_length=sequences.shape[1])
    return outputs, h_n[lstm.num_layers - 1]


class PackedLSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.body = nn.ModuleDict({"lstm": nn.LSTM(input_size, hidden_size, batch_first=True),
                                   "out": nn.Sequential(nn.Linear(hidden_size, 1), nn.Sigmoid())})

    def forward(self, x, lengths):
        _, h = handle_variable_length(self.body["lstm"], x, lengths)
        return self.body["out"](h)[:, 0]
