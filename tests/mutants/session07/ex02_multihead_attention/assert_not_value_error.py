"""Mutant: the divisibility is checked with an assert, which raises AssertionError (and vanishes
under python -O), not the ValueError the spec asks for."""
from torch import nn

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"heads_must_divide"}


class MultiHeadSelfAttention(_Reference):
    def __init__(self, embed_dim, num_heads):
        nn.Module.__init__(self)
        assert embed_dim % num_heads == 0, "embed_dim must be divisible by num_heads"
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim)
        self.k_proj = nn.Linear(embed_dim, embed_dim)
        self.v_proj = nn.Linear(embed_dim, embed_dim)
        self.out_proj = nn.Linear(embed_dim, embed_dim)
