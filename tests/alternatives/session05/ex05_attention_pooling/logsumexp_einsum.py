"""Correct, written another way: the mask from a comparison of lengths with a position
row, the softmax as exp(masked - logsumexp(masked)), einsum for the weighted sum, the
score layer inside nn.Sequential with nn.Flatten, explicit zero initial states."""
import torch
from torch import nn


def masked_attention_pool(outputs, scores, lengths):
    position = torch.arange(scores.size(1), device=scores.device)
    keep = lengths.to(scores.device)[:, None] > position[None, :]
    masked = torch.where(keep, scores, torch.full_like(scores, float("-inf")))
    weights = torch.exp(masked - torch.logsumexp(masked, dim=1, keepdim=True))
    return torch.einsum("bl,blh->bh", weights, outputs), weights


class AttentionPooling(nn.Module):
    def __init__(self, hidden_size):
        super().__init__()
        self.scorer = nn.Sequential(nn.Linear(hidden_size, 1), nn.Flatten(start_dim=-2))

    def forward(self, outputs, lengths):
        return masked_attention_pool(outputs, self.scorer(outputs), lengths)


class AttentionLSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.hidden_size = hidden_size
        self.head = nn.Linear(hidden_size, 1)
        self.attn = AttentionPooling(hidden_size)
        self.rnn = nn.LSTM(input_size, hidden_size, batch_first=True)

    def forward(self, x, lengths):
        zeros = torch.zeros(1, x.size(0), self.hidden_size, device=x.device, dtype=x.dtype)
        outputs, _ = self.rnn(x, (zeros, zeros))
        pooled, weights = self.attn(outputs, lengths)
        return torch.sigmoid(self.head(pooled)).flatten(), weights
