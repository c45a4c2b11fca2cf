"""Mutant: sorts the batch by length (longest first) to pack it with
``enforce_sorted=True``, then returns the outputs in that sorted order, not the
order of the input batch."""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from reference.session05.ex02_lstm_variable_length import BiLSTM  # noqa: F401

CAUGHT_BY = {"last_valid_step", "batch_invariance", "learns"}


class LSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x, lengths):
        sorted_lengths, order = lengths.sort(descending=True)
        packed = pack_padded_sequence(x[order.to(x.device)], sorted_lengths.cpu(), batch_first=True)
        _, (h_n, _) = self.lstm(packed)
        return torch.sigmoid(self.fc(h_n[-1])).squeeze(-1)
