"""Correct, written another way: torch.einsum for scores and weighted sums, unflatten/movedim
for the head split and flatten for the merge, an additive -inf mask built with torch.where on
the mask's device, and F.softmax."""
import torch
import torch.nn.functional as F
from torch import nn


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, embed_dim, num_heads):
        if embed_dim % num_heads:
            raise ValueError(f"num_heads ({num_heads}) must divide embed_dim ({embed_dim})")
        super().__init__()
        self.embed_dim = embed_dim
        self.num_heads = num_heads
        self.head_dim = embed_dim // num_heads
        for name in ("q_proj", "k_proj", "v_proj", "out_proj"):
            setattr(self, name, nn.Linear(embed_dim, embed_dim))

    def forward(self, x, key_padding_mask=None):
        def heads(t):  # [B, L, E] -> [B, h, L, d]
            return t.unflatten(-1, (self.num_heads, self.head_dim)).movedim(2, 1)

        q, k, v = heads(self.q_proj(x)), heads(self.k_proj(x)), heads(self.v_proj(x))
        scores = torch.einsum("bhid,bhjd->bhij", q * self.head_dim ** -0.5, k)
        if key_padding_mask is not None:
            bias = torch.where(key_padding_mask, float("-inf"), 0.0).to(scores.dtype)
            scores = scores + bias[:, None, None, :]
        attn = F.softmax(scores, dim=-1)
        context = torch.einsum("bhij,bhjd->bhid", attn, v).movedim(1, 2).flatten(2)
        return self.out_proj(context), attn.mean(1)
