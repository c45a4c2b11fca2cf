"""Mutant: the guide's unidirectional ProteinLSTM with a bidirectional argument that is
never used: nn.LSTM without bidirectional=..., Linear(hidden_size, 3)."""
from torch import nn

CAUGHT_BY = {"architecture", "param_count", "both_directions"}


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, 64)
        self.lstm = nn.LSTM(64, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 3)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.fc(out)
