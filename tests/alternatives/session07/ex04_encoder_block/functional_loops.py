"""Correct alternative: a functional forward (F.layer_norm, F.linear, F.gelu, F.dropout with
training=self.training) over the registered layers' weights, the sinusoid table built by a
Python loop as a buffer of the model, and the masked mean row by row with boolean indexing."""
import math

import torch
import torch.nn.functional as F
from torch import nn


class TransformerEncoderBlock(nn.Module):
    def __init__(self, d_model, nhead, dim_feedforward=2048, dropout=0.1):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout, batch_first=True)
        self.linear1, self.linear2 = nn.Linear(d_model, dim_feedforward), nn.Linear(dim_feedforward, d_model)
        self.norm1, self.norm2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.dropout, self.dropout1, self.dropout2 = (nn.Dropout(dropout) for _ in range(3))
        self.p = dropout

    def _norm(self, norm, x):
        return F.layer_norm(x, norm.normalized_shape, norm.weight, norm.bias, norm.eps)

    def forward(self, x, padding_mask=None):
        h = self._norm(self.norm1, x)
        a = self.self_attn(query=h, key=h, value=h, key_padding_mask=padding_mask, need_weights=False)[0]
        x = x + F.dropout(a, self.p, self.training)
        h = F.gelu(F.linear(self._norm(self.norm2, x), self.linear1.weight, self.linear1.bias))
        h = F.linear(F.dropout(h, self.p, self.training), self.linear2.weight, self.linear2.bias)
        return x + F.dropout(h, self.p, self.training)


class DNATransformer(nn.Module):
    def __init__(self, vocab_size=5, d_model=128, nhead=8, num_layers=2, num_classes=2,
                 dim_feedforward=512, dropout=0.1, max_len=512):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, d_model)
        table = [[0.0] * d_model for _ in range(max_len)]
        for pos in range(max_len):
            for i in range(0, d_model, 2):
                table[pos][i] = math.sin(pos / 10000 ** (i / d_model))
                table[pos][i + 1] = math.cos(pos / 10000 ** (i / d_model))
        self.register_buffer("positions", torch.tensor(table), persistent=False)
        self.layers = nn.ModuleList()
        for _ in range(num_layers):
            self.layers.append(TransformerEncoderBlock(d_model, nhead, dim_feedforward, dropout))
        self.norm = nn.LayerNorm(d_model)
        self.fc = nn.Linear(d_model, num_classes)

    def forward(self, tokens, padding_mask=None):
        length = tokens.shape[1]
        x = self.embedding(tokens) * self.embedding.embedding_dim ** 0.5 + self.positions[:length]
        for layer in self.layers:
            x = layer(x, padding_mask)
        x = self.norm(x)
        if padding_mask is None:
            return self.fc(x.mean(1))
        pooled = torch.stack([x[b][~padding_mask[b]].mean(0) for b in range(x.shape[0])])
        return self.fc(pooled)
