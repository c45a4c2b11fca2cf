"""Mutant: the embedding takes hidden_size numbers per residue instead of 64."""
from torch import nn

CAUGHT_BY = {"architecture", "param_count"}


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, hidden_size)
        self.lstm = nn.LSTM(hidden_size, hidden_size, batch_first=True, bidirectional=bidirectional)
        self.fc = nn.Linear((2 if bidirectional else 1) * hidden_size, 3)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.fc(out)
