"""Correct, written another way: the layers in an nn.ModuleDict, and the Linear layer
applied to the output flattened to [B * L, features], then reshaped to [B, L, 3]."""
from torch import nn


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size=20, hidden_size=128, bidirectional=True):
        super().__init__()
        width = hidden_size * 2 if bidirectional else hidden_size
        self.parts = nn.ModuleDict({
            "embed": nn.Embedding(vocab_size, 64),
            "lstm": nn.LSTM(64, hidden_size, batch_first=True, bidirectional=bidirectional),
            "head": nn.Linear(width, 3),
        })

    def forward(self, x):
        batch, length = x.shape
        states = self.parts["lstm"](self.parts["embed"](x))[0]
        flat = states.reshape(batch * length, states.shape[-1])
        return self.parts["head"](flat).view(batch, length, 3)
