"""Reference solution: session 5, exercise 5 (attention pooling with a padding mask)."""
import torch
from torch import nn


def _ex05_padding_mask(lengths: torch.Tensor, steps: int, device: torch.device) -> torch.Tensor:
    """True on the padding: position t of sequence b is padding when t >= lengths[b]."""
    positions = torch.arange(steps, device=device)
    return positions.unsqueeze(0) >= lengths.to(device).unsqueeze(1)


def masked_attention_pool(outputs: torch.Tensor, scores: torch.Tensor, lengths: torch.Tensor):
    """Masked softmax of ``scores`` over time and the weighted sum of ``outputs``:
    ``(pooled [B, H], weights [B, L])``."""
    padding = _ex05_padding_mask(lengths, scores.shape[1], scores.device)
    weights = torch.softmax(scores.masked_fill(padding, float("-inf")), dim=1)
    pooled = torch.bmm(weights.unsqueeze(1), outputs).squeeze(1)
    return pooled, weights


class AttentionPooling(nn.Module):
    """One score per step from ``nn.Linear(hidden_size, 1)``, then masked attention pooling."""

    def __init__(self, hidden_size: int):
        super().__init__()
        self.score = nn.Linear(hidden_size, 1)

    def forward(self, outputs: torch.Tensor, lengths: torch.Tensor):
        scores = self.score(outputs).squeeze(-1)
        return masked_attention_pool(outputs, scores, lengths)


class AttentionLSTMClassifier(nn.Module):
    """LSTM (batch first), attention pooling over its outputs, Linear to 1 and a sigmoid."""

    def __init__(self, input_size: int = 4, hidden_size: int = 32):
        super().__init__()
        self.lstm = nn.LSTM(input_size, hidden_size, batch_first=True)
        self.attention = AttentionPooling(hidden_size)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor):
        outputs, _ = self.lstm(x)
        pooled, weights = self.attention(outputs, lengths)
        probabilities = torch.sigmoid(self.fc(pooled)).squeeze(-1)
        return probabilities, weights
