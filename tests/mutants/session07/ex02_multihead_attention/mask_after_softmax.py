"""Mutant: the mask applied after the softmax: padded keys' weights set to 0, but the
rows are not renormalised, so the real keys' weights no longer sum to 1."""
import math

import torch

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"key_padding_mask"}


class MultiHeadSelfAttention(_Reference):
    def forward(self, x, key_padding_mask=None):
        batch, length, _ = x.shape
        q, k, v = self._split(self.q_proj(x)), self._split(self.k_proj(x)), self._split(self.v_proj(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        weights = torch.softmax(scores, dim=-1)
        if key_padding_mask is not None:
            weights = weights.masked_fill(key_padding_mask[:, None, None, :], 0.0)
        merged = (weights @ v).transpose(1, 2).reshape(batch, length, self.embed_dim)
        return self.out_proj(merged), weights.mean(dim=1)
