"""Mutant: bidirectional LSTM but the head stays nn.Linear(hidden_size, 3), as in the
unidirectional guide: the 2 * hidden_size features do not fit (a shape error)."""
from torch import nn

CAUGHT_BY = {"architecture", "param_count", "per_residue_logits", "both_directions", "learns"}


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, 64)
        self.lstm = nn.LSTM(64, hidden_size, batch_first=True, bidirectional=bidirectional)
        self.fc = nn.Linear(hidden_size, 3)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.fc(out)
