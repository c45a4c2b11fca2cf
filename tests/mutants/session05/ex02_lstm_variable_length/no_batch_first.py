"""Mutant: builds ``nn.LSTM(input_size, hidden_size)`` without ``batch_first=True`` and
feeds it the batch-first tensor: the LSTM walks along the batch (sequence after
sequence) and treats the positions as the batch."""
import torch
from torch import nn

from reference.session05.ex02_lstm_variable_length import BiLSTM  # noqa: F401

CAUGHT_BY = {"last_valid_step", "batch_invariance", "learns"}


class LSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x, lengths):
        outputs, _ = self.lstm(x)
        last = outputs[torch.arange(len(x)), (lengths - 1).to(x.device)]
        return torch.sigmoid(self.fc(last)).squeeze(-1)
