"""Reference solution: session 5, exercise 2 (LSTM classifier reading the last valid step)."""
import torch
from torch import nn


class LSTMClassifier(nn.Module):
    def __init__(self, input_size: int = 4, hidden_size: int = 32):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        outputs, _ = self.lstm(x)
        last = (lengths - 1).to(x.device)
        rows = torch.arange(x.shape[0], device=x.device)
        return torch.sigmoid(self.fc(outputs[rows, last])).squeeze(-1)
