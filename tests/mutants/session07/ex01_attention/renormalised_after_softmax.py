"""Mutant: the mask is applied after the softmax and the weights renormalised: right where a query
keeps a key, 0 / 0 = NaN where it keeps none."""
import math

import torch

CAUGHT_BY = {"fully_masked_row"}


def scaled_dot_product_attention(Q, K, V, mask=None, is_causal=False):
    d_k = Q.size(-1)
    scores = torch.matmul(Q, K.transpose(-2, -1)) / math.sqrt(d_k)
    allowed = None
    if is_causal:
        n_queries, n_keys = scores.shape[-2:]
        allowed = torch.ones(n_queries, n_keys, dtype=torch.bool, device=Q.device).tril()
    if mask is not None:
        if mask.dtype == torch.bool:
            allowed = mask if allowed is None else allowed & mask
        else:
            scores = scores + mask
    dead = torch.isneginf(scores).all(dim=-1, keepdim=True)
    weights = torch.softmax(scores.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)
    if allowed is not None:
        weights = weights * allowed
        weights = weights / weights.sum(dim=-1, keepdim=True)
    return torch.matmul(weights, V), weights
