"""Mutant: heads interleaved: [B, L, E] viewed as [B, L, head_dim, h], so head i gets features
i, i + h, i + 2h, ... instead of the contiguous chunk nn.MultiheadAttention gives it."""
import math

import torch

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"matches_torch", "attention_weights"}


class MultiHeadSelfAttention(_Reference):
    def _split(self, t):
        batch, length, _ = t.shape
        return t.view(batch, length, self.head_dim, self.num_heads).permute(0, 3, 1, 2)

    def forward(self, x, key_padding_mask=None):
        batch, length, _ = x.shape
        q, k, v = self._split(self.q_proj(x)), self._split(self.k_proj(x)), self._split(self.v_proj(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        merged = (weights @ v).permute(0, 2, 3, 1).reshape(batch, length, self.embed_dim)
        return self.out_proj(merged), weights.mean(dim=1)
