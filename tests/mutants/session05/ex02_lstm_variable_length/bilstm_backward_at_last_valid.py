"""Mutant: reads both directions of ``BiLSTM`` at the last valid step ``lengths - 1``:
right for the forward direction, but there the backward direction has read only the
last base (and, unpacked, the padding after it)."""
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
        rows = torch.arange(x.shape[0], device=x.device)
        return torch.sigmoid(self.fc(lstm_out[rows, (lengths - 1).to(x.device)])).squeeze(-1)
