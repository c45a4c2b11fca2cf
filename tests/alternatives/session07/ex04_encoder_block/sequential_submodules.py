"""Correct alternative: the feed-forward branch as an nn.Sequential that reuses linear1,
dropout and linear2 (so the names of nn.TransformerEncoderLayer still exist), nn.GELU(), a
PositionalEncoding submodule with the exp/log form of the frequencies, and the masked mean
as a nanmean over positions set to NaN."""
import math

import torch
from torch import nn


class TransformerEncoderBlock(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward=2048, dropout=0.1):
        super().__init__()
        self.norm1 = nn.LayerNorm(d_model, eps=1e-5)
        self.self_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=True)
        self.dropout1 = nn.Dropout(dropout)
        self.norm2 = nn.LayerNorm(d_model, eps=1e-5)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.dropout = nn.Dropout(dropout)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.dropout2 = nn.Dropout(dropout)
        self.feed_forward = nn.Sequential(self.norm2, self.linear1, nn.GELU(), self.dropout, self.linear2,
                                          self.dropout2)

    def _attention(self, x, padding_mask):
        q = self.norm1(x)
        out, _ = self.self_attn(q, q, q, key_padding_mask=padding_mask, need_weights=False)
        return self.dropout1(out)

    def forward(self, x, padding_mask=None):
        x = x + self._attention(x, padding_mask)
        return x + self.feed_forward(x)


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        position = torch.arange(max_len).unsqueeze(1).float()
        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        self.register_buffer("pe", pe.unsqueeze(0))

    def forward(self, x):
        return x + self.pe[:, :x.size(1)]


class DNATransformer(nn.Module):
    def __init__(self, vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
                 dim_feedforward=512, dropout=0.1, max_len=512):
        super().__init__()
        self.scale = math.sqrt(d_model)
        self.embedding = nn.Embedding(vocab_size, d_model)
        self.pos_encoding = PositionalEncoding(d_model, max_len)
        self.layers = nn.ModuleList([TransformerEncoderBlock(d_model, nhead, dim_feedforward, dropout)
                                     for _ in range(num_layers)])
        self.norm = nn.LayerNorm(d_model)
        self.fc = nn.Linear(d_model, num_classes)

    def forward(self, tokens, padding_mask=None):
        x = self.pos_encoding(self.embedding(tokens) * self.scale)
        for block in self.layers:
            x = block(x, padding_mask=padding_mask)
        x = self.norm(x)
        if padding_mask is not None:
            x = torch.where(padding_mask.unsqueeze(-1), torch.nan, x)
        return self.fc(x.nanmean(dim=1))
