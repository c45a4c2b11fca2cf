"""Mutant: believes nn.LSTM returns the backward direction in reverse order and flips
the backward half back, which misaligns it with the positions."""
import torch
from torch import nn

CAUGHT_BY = {"per_residue_logits", "both_directions"}


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        self.hidden_size, self.bidirectional = hidden_size, bidirectional
        self.embedding = nn.Embedding(vocab_size, 64)
        self.lstm = nn.LSTM(64, hidden_size, batch_first=True, bidirectional=bidirectional)
        self.fc = nn.Linear((2 if bidirectional else 1) * hidden_size, 3)

    def forward(self, x):
        out, _ = self.lstm(self.embedding(x))
        if self.bidirectional:
            h = self.hidden_size
            out = torch.cat([out[..., :h], out[..., h:].flip(1)], dim=-1)
        return self.fc(out)
