"""Reference solution: session 5, exercise 3 (bidirectional LSTM, structure per residue)."""
import torch
from torch import nn


class ProteinLSTM(nn.Module):
    def __init__(self, vocab_size: int = 20, hidden_size: int = 128, bidirectional: bool = True):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, 64)
        self.lstm = nn.LSTM(64, hidden_size, batch_first=True, bidirectional=bidirectional)
        directions = 2 if bidirectional else 1
        self.fc = nn.Linear(directions * hidden_size, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        embedded = self.embedding(x)
        lstm_out, _ = self.lstm(embedded)
        return self.fc(lstm_out)
