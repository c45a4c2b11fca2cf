"""Mutant: passes explicit zero initial states made with ``torch.zeros(1, B, hidden)``
and no ``device=``: they stay on the CPU when the model and the batch move."""
import torch
from torch import nn

from reference.session05.ex02_lstm_variable_length import BiLSTM  # noqa: F401

CAUGHT_BY = {"follows_device"}


class LSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.hidden_size = hidden_size
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x, lengths):
        h0 = torch.zeros(1, x.shape[0], self.hidden_size)
        c0 = torch.zeros(1, x.shape[0], self.hidden_size)
        outputs, _ = self.lstm(x, (h0, c0))
        last = outputs[torch.arange(len(x)), (lengths - 1).to(x.device)]
        return torch.sigmoid(self.fc(last)).squeeze(-1)
