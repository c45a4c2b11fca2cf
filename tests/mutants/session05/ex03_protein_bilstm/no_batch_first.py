"""Mutant: nn.LSTM without batch_first=True, so it reads [B, L, 64] as L sequences of
length B: the batch becomes the time axis and the residues of one protein never meet."""
from torch import nn

CAUGHT_BY = {"per_residue_logits", "both_directions"}


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, 64)
        self.lstm = nn.LSTM(64, hidden_size, bidirectional=bidirectional)
        self.fc = nn.Linear((2 if bidirectional else 1) * hidden_size, 3)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.fc(out)
