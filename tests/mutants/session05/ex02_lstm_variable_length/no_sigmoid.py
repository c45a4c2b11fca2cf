"""Mutant: returns the Linear layer's logit, without the sigmoid."""
from torch import nn

from reference.session05.ex02_lstm_variable_length import BiLSTM  # noqa: F401

CAUGHT_BY = {"architecture", "last_valid_step", "learns"}


class LSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x, lengths):
        outputs, _ = self.lstm(x)
        last = outputs[range(len(x)), (lengths - 1).tolist()]
        return self.fc(last).squeeze(-1)
