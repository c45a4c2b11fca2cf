"""Correct, written another way: a Python loop over the heads, each slicing its contiguous chunk
of the projected features, 2-D-per-batch bmm for the scores, the mask applied with masked_fill
and the most negative float32 (not -inf), the heads concatenated back and the weights averaged by
summing and dividing."""
import math

import torch
from torch import nn


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int):
        super().__init__()
        if embed_dim % num_heads != 0:
            raise ValueError("embed_dim must be divisible by num_heads")
        self.embed_dim, self.num_heads, self.head_dim = embed_dim, num_heads, embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=True)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=True)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=True)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=True)

    def forward(self, x, key_padding_mask=None):
        q_all, k_all, v_all = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        outputs, total = [], None
        for h in range(self.num_heads):
            chunk = slice(h * self.head_dim, (h + 1) * self.head_dim)
            q, k, v = q_all[..., chunk], k_all[..., chunk], v_all[..., chunk]
            scores = torch.bmm(q, k.transpose(1, 2)) / math.sqrt(self.head_dim)  # [B, L, L]
            if key_padding_mask is not None:
                scores = scores.masked_fill(key_padding_mask.unsqueeze(1), torch.finfo(scores.dtype).min)
            weights = scores.softmax(dim=2)
            outputs.append(torch.bmm(weights, v))
            total = weights if total is None else total + weights
        return self.out_proj(torch.cat(outputs, dim=-1)), total / self.num_heads
