"""Mutant: no ValueError when num_heads does not divide embed_dim: head_dim is silently rounded
down (32 // 3 = 10), so the heads cover only part of the embedding."""
from torch import nn

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"heads_must_divide"}


class MultiHeadSelfAttention(_Reference):
    def __init__(self, embed_dim, num_heads):
        nn.Module.__init__(self)
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)
