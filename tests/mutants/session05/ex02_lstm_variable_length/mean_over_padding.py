"""Mutant: averages the LSTM outputs over every position of the padded batch, padding
included, instead of taking the last valid step."""
import torch
from torch import nn

from reference.session05.ex02_lstm_variable_length import BiLSTM  # noqa: F401

CAUGHT_BY = {"last_valid_step", "padding_invariance", "batch_invariance"}


class LSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x, lengths):
        outputs, _ = self.lstm(x)
        return torch.sigmoid(self.fc(outputs.mean(dim=1))).squeeze(-1)
