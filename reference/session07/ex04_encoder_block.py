"""Reference solution: session 7, exercise 4 (a pre-LayerNorm encoder block and DNATransformer)."""
import math

import torch
import torch.nn.functional as F
from torch import nn


class TransformerEncoderBlock(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward=2048, dropout=0.1):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=True)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.dropout = nn.Dropout(dropout)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.dropout1 = nn.Dropout(dropout)
        self.dropout2 = nn.Dropout(dropout)

    def forward(self, x, padding_mask=None):
        h = self.norm1(x)
        attended = self.self_attn(h, h, h, key_padding_mask=padding_mask, need_weights=False)[0]
        x = x + self.dropout1(attended)
        h = self.linear2(self.dropout(F.gelu(self.linear1(self.norm2(x)))))
        return x + self.dropout2(h)


def _sinusoids(max_len, d_model):
    position = torch.arange(max_len, dtype=torch.float64).unsqueeze(1)
    rates = torch.pow(10000.0, -torch.arange(0, d_model, 2, dtype=torch.float64) / d_model)
    pe = torch.zeros(max_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * rates)
    pe[:, 1::2] = torch.cos(position * rates)
    return pe.float()


class DNATransformer(nn.Module):
    def __init__(self, vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
                 dim_feedforward=512, dropout=0.1, max_len=512):
        super().__init__()
        self.d_model = d_model
        self.embedding = nn.Embedding(vocab_size, d_model)
        self.register_buffer("pe", _sinusoids(max_len, d_model))
        self.layers = nn.ModuleList(
            TransformerEncoderBlock(d_model, nhead, dim_feedforward, dropout) for _ in range(num_layers))
        self.norm = nn.LayerNorm(d_model)
        self.fc = nn.Linear(d_model, num_classes)

    def forward(self, tokens, padding_mask=None):
        x = self.embedding(tokens) * math.sqrt(self.d_model) + self.pe[:tokens.shape[1]]
        for layer in self.layers:
            x = layer(x, padding_mask)
        x = self.norm(x)
        if padding_mask is None:
            pooled = x.mean(dim=1)
        else:
            keep = (~padding_mask).unsqueeze(-1).to(x.dtype)
            pooled = (x * keep).sum(dim=1) / keep.sum(dim=1)
        return self.fc(pooled)
