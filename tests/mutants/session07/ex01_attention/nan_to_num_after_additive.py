"""Mutant: every mask is turned into an additive mask of 0 and -inf, and the NaN of a query with no
key left is replaced after the softmax (nan_to_num). The forward pass is right, but the backward
pass of softmax(row of -inf) is NaN, and `scores + bias` passes it on: NaN gradients reach Q and K
(a model trained with padding masks would get NaN weights)."""
import math

import torch

CAUGHT_BY = {"fully_masked_row"}


def scaled_dot_product_attention(Q, K, V, mask=None, is_causal=False):
    scores = Q @ K.transpose(-2, -1) / math.sqrt(Q.size(-1))
    bias = torch.zeros(scores.shape[-2:], dtype=Q.dtype, device=Q.device)
    if is_causal:
        bias = bias.masked_fill(~torch.ones_like(bias, dtype=torch.bool).tril(), float("-inf"))
    if mask is not None:
        if mask.dtype == torch.bool:
            mask = torch.zeros(mask.shape, dtype=Q.dtype, device=Q.device).masked_fill(~mask, float("-inf"))
        bias = bias + mask
    weights = torch.softmax(scores + bias, dim=-1).nan_to_num(0.0)
    return weights @ V, weights
