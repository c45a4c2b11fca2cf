"""Mutant: ``BiLSTM`` keeps only the forward direction's state at the last valid step
and puts the head on its 128 features, ``nn.Linear(128, 1)``: the backward direction
is computed and thrown away."""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

from reference.session05.ex02_lstm_variable_length import LSTMClassifier  # noqa: F401

CAUGHT_BY = {"bilstm_last_valid"}


class BiLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(64, 128, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(128, 1)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)
        return torch.sigmoid(self.fc(h_n[0])).squeeze(-1)
