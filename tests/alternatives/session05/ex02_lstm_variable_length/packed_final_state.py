"""Correct, written another way: the batch is packed (pack_padded_sequence with
enforce_sorted=False), the head reads h_n of the packed run (each sequence's state at
its own end, in the batch's order), and the head is built before the LSTM."""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


class LSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.out = nn.Linear(hidden_size, 1)
        self.rnn = nn.LSTM(input_size=input_size, hidden_size=hidden_size, batch_first=True)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.rnn(packed)
        return torch.sigmoid(self.out(h_n[0]))[:, 0]


class BiLSTM(nn.Module):
    """Packed as well; pad_packed_sequence unpacks the outputs, the forward half is read at
    lengths - 1 and the backward half at position 0."""

    def __init__(self):
        super().__init__()
        self.out = nn.Linear(2 * 128, 1)
        self.rnn = nn.LSTM(input_size=64, hidden_size=128, batch_first=True, bidirectional=True)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        unpacked, _ = pad_packed_sequence(self.rnn(packed)[0], batch_first=True)
        fwd, bwd = unpacked.split(128, dim=-1)
        at_end = fwd[torch.arange(len(lengths)), lengths.cpu() - 1]
        return torch.sigmoid(self.out(torch.cat((at_end, bwd[:, 0]), dim=-1)))[:, 0]
