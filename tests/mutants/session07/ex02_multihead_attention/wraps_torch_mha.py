"""Mutant: nn.MultiheadAttention does the work inside; the four Linear layers are there for show
(and its own parameters double the count)."""
from torch import nn

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"architecture", "param_count"}


class MultiHeadSelfAttention(_Reference):
    def __init__(self, embed_dim, num_heads):
        super().__init__(embed_dim, num_heads)
        self.mha = nn.MultiheadAttention(embed_dim, num_heads, batch_first=True)

    def forward(self, x, key_padding_mask=None):
        return self.mha(x, x, x, key_padding_mask=key_padding_mask, need_weights=True)
