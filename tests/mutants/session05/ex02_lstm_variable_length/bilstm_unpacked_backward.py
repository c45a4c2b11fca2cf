"""Mutant: ``BiLSTM`` runs the padded batch without packing and takes the forward
output at ``lengths - 1`` and the backward output at position 0: the backward direction
started at the last padded position and read the padding before the sequence."""
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
        ahead = lstm_out[rows, (lengths - 1).to(x.device), :128]
        behind = lstm_out[:, 0, 128:]
        return torch.sigmoid(self.fc(torch.cat([ahead, behind], dim=1))).squeeze(-1)
