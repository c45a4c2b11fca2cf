"""Mutant: the course guide's ``BiLSTM`` read as written, ``lstm_out[:, -1, :]`` of the
padded batch run without packing: the forward direction has run on through the padding
and the backward direction has read only the last padded step."""
import torch
from torch import nn

from reference.session05.ex02_lstm_variable_length import LSTMClassifier  # noqa: F401

CAUGHT_BY = {"bilstm_last_valid"}


class BiLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(64, 128, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(256, 1)

    def forward(self, x, lengths):
        lstm_out, _ = self.lstm(x)
        return torch.sigmoid(self.fc(lstm_out[:, -1, :])).squeeze(-1)
