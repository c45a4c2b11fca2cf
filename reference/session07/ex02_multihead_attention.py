"""Reference solution: session 7, exercise 2 (multi-head self-attention from scratch).

Four nn.Linear(E, E) projections; heads are contiguous chunks of the embedding (view then
transpose), scaled dot-product attention per head with scale 1 / sqrt(head_dim), a key padding
mask filled with -inf before the softmax, heads merged back, then out_proj. The weights returned
are the per-head weights averaged over the heads, as nn.MultiheadAttention returns them.
"""
import math

import torch
from torch import nn


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError(f"embed_dim={embed_dim} is not divisible by num_heads={num_heads}: "
                             "num_heads must divide embed_dim")
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)

    def _split(self, t):
        batch, length, _ = t.shape
        return t.view(batch, length, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, x, key_padding_mask=None):
        batch, length, _ = x.shape
        q, k, v = self._split(self.q_proj(x)), self._split(self.k_proj(x)), self._split(self.v_proj(x))
        scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(self.head_dim)  # [B, h, L, L]
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        merged = torch.matmul(weights, v).transpose(1, 2).reshape(batch, length, self.embed_dim)
        return self.out_proj(merged), weights.mean(dim=1)
