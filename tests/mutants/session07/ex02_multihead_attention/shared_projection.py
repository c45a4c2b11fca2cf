"""Mutant: one projection (q_proj) used for queries, keys and values alike; k_proj and v_proj
exist (so the architecture looks right) but are never used."""
import math

import torch

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"matches_torch", "attention_weights"}


class MultiHeadSelfAttention(_Reference):
    def forward(self, x, key_padding_mask=None):
        batch, length, _ = x.shape
        q = k = v = self._split(self.q_proj(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        merged = (weights @ v).transpose(1, 2).reshape(batch, length, self.embed_dim)
        return self.out_proj(merged), weights.mean(dim=1)
