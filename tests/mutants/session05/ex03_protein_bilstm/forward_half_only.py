"""Mutant: the shape error "fixed" by keeping only the first hidden_size features of the
bidirectional output, which drops the backward direction."""
from torch import nn

CAUGHT_BY = {"architecture", "param_count", "per_residue_logits", "both_directions"}


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(vocab_size, 64)
        self.lstm = nn.LSTM(64, hidden_size, batch_first=True, bidirectional=bidirectional)
        self.fc = nn.Linear(hidden_size, 3)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        return self.fc(out[..., :self.hidden_size])
