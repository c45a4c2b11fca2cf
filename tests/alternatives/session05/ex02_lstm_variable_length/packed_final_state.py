"""Correct, written another way: the batch is packed (pack_padded_sequence with
enforce_sorted=False), the head reads h_n of the packed run (each sequence's state at
its own end, in the batch's order), and the head is built before the LSTM."""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


class LSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.out = nn.Linear(hidden_size, 1)
        self.rnn = nn.LSTM(input_size=input_size, hidden_size=hidden_size, batch_first=True)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.rnn(packed)
        return torch.sigmoid(self.out(h_n[0]))[:, 0]
