"""Mutant: bidirectional=True hard-coded, so bidirectional=False still reads both ways."""
from torch import nn

CAUGHT_BY = {"architecture", "param_count", "both_directions"}


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, 64)
        self.lstm = nn.LSTM(64, hidden_size, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * hidden_size, 3)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.fc(out)
