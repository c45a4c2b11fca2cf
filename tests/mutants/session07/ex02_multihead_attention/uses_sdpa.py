"""Mutant: the output computed with F.scaled_dot_product_attention (the weights worked out by hand
beside it): correct numbers, but not the attention written from scratch that the exercise asks."""
import math

import torch
import torch.nn.functional as F

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"architecture"}


class MultiHeadSelfAttention(_Reference):
    def forward(self, x, key_padding_mask=None):
        batch, length, _ = x.shape
        q, k, v = self._split(self.q_proj(x)), self._split(self.k_proj(x)), self._split(self.v_proj(x))
        keep = None if key_padding_mask is None else ~key_padding_mask[:, None, None, :]
        merged = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        merged = merged.transpose(1, 2).reshape(batch, length, self.embed_dim)
        return self.out_proj(merged), weights.mean(dim=1)
