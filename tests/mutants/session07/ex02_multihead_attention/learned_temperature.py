"""Mutant: an extra learnable parameter (a temperature for the scores, initialised to 1): the
outputs still match torch at initialisation, but the module has parameters the spec forbids."""
import math

import torch
from torch import nn

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"param_count", "architecture"}


class MultiHeadSelfAttention(_Reference):
    def __init__(self, embed_dim, num_heads):
        super().__init__(embed_dim, num_heads)
        self.temperature = nn.Parameter(torch.ones(1))

    def forward(self, x, key_padding_mask=None):
        batch, length, _ = x.shape
        q, k, v = self._split(self.q_proj(x)), self._split(self.k_proj(x)), self._split(self.v_proj(x))
        scores = q @ k.transpose(-2, -1) / (math.sqrt(self.head_dim) * self.temperature)
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = torch.softmax(scores, dim=-1)
        merged = (weights @ v).transpose(1, 2).reshape(batch, length, self.embed_dim)
        return self.out_proj(merged), weights.mean(dim=1)
