"""Reference solution: session 5, exercise 2 (LSTM classifier reading the last valid step)."""
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence


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


class BiLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(64, 128, bidirectional=True, batch_first=True)
        self.fc = nn.Linear(256, 1)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        packed = pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, (h_n, _) = self.lstm(packed)
        both = torch.cat([h_n[0], h_n[1]], dim=-1)
        return torch.sigmoid(self.fc(both)).squeeze(-1)
