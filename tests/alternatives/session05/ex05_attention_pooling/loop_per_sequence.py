"""Correct, written another way: a Python loop over the sequences (softmax of each one's
valid scores alone, padded with zeros), differently named layers and nn.Sigmoid."""
import torch
from torch import nn


def masked_attention_pool(outputs, scores, lengths):
    pooled_rows, weight_rows = [], []
    steps = scores.shape[1]
    for b, n in enumerate(lengths.tolist()):
        alpha = torch.softmax(scores[b, :n], dim=0)
        weight_rows.append(torch.cat([alpha, scores.new_zeros(steps - n)]))
        pooled_rows.append(alpha @ outputs[b, :n])
    return torch.stack(pooled_rows), torch.stack(weight_rows)


class AttentionPooling(nn.Module):
    def __init__(self, hidden_size):
        super().__init__()
        self.proj = nn.Linear(hidden_size, 1)

    def forward(self, outputs, lengths):
        return masked_attention_pool(outputs, self.proj(outputs)[:, :, 0], lengths)


class AttentionLSTMClassifier(nn.Module):
    def __init__(self, input_size=4, hidden_size=32):
        super().__init__()
        self.encoder = nn.LSTM(input_size=input_size, hidden_size=hidden_size, num_layers=1,
                               batch_first=True)
        self.pool = AttentionPooling(hidden_size)
        self.out = nn.Linear(hidden_size, 1)
        self.squash = nn.Sigmoid()

    def forward(self, x, lengths):
        states, _ = self.encoder(x)
        summary, alpha = self.pool(states, lengths)
        return self.squash(self.out(summary)).view(-1), alpha
