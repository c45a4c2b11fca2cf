"""Mutant: an additive mask made with torch.zeros(B, 1, 1, L) without device=: it stays on
the CPU when the model and its input move to another device."""
import math

import torch

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"follows_device"}


class MultiHeadSelfAttention(_Reference):
    def forward(self, x, key_padding_mask=None):
        batch, length, _ = x.shape
        q, k, v = self._split(self.q_proj(x)), self._split(self.k_proj(x)), self._split(self.v_proj(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        bias = torch.zeros(batch, 1, 1, length)
        if key_padding_mask is not None:
            bias = bias.masked_fill(key_padding_mask[:, None, None, :].cpu(), float("-inf"))
        weights = torch.softmax(scores + bias.to(scores.dtype), dim=-1)
        merged = (weights @ v).transpose(1, 2).reshape(batch, length, self.embed_dim)
        return self.out_proj(merged), weights.mean(dim=1)
