"""Mutant: the four projections built with bias=False (as in some tutorials): 4 E^2 parameters
instead of 4 E^2 + 4 E, and no way to match nn.MultiheadAttention's biases."""
from torch import nn

from reference.session07.ex02_multihead_attention import MultiHeadSelfAttention as _Reference

CAUGHT_BY = {"param_count", "architecture"}


class MultiHeadSelfAttention(_Reference):
    def __init__(self, embed_dim, num_heads):
        nn.Module.__init__(self)
        if embed_dim % num_heads:
            raise ValueError("embed_dim must be divisible by num_heads")
        self.embed_dim, self.num_heads = embed_dim, num_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=False)
        self.k_proj = nn.Linear(embed_dim, embed_dim, bias=False)
        self.v_proj = nn.Linear(embed_dim, embed_dim, bias=False)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=False)
