"""Mutant: heads split by a direct view [B, L, E] -> [B, h, L, d] without the transpose, so each
"head" holds a mix of positions and features (and the merge undoes it the same wrong way)."""
import math

import torch

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"matches_torch", "attention_weights", "key_padding_mask"}


class MultiHeadSelfAttention(_Reference):
    def forward(self, x, key_padding_mask=None):
        batch, length, _ = x.shape
        shape = (batch, self.num_heads, length, self.head_dim)
        q, k, v = self.q_proj(x).view(shape), self.k_proj(x).view(shape), self.v_proj(x).view(shape)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        merged = (weights @ v).reshape(batch, length, self.embed_dim)
        return self.out_proj(merged), weights.mean(dim=1)
