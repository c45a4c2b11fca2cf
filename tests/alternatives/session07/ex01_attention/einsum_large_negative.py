"""Alternative: einsum, every mask folded into one bool `allowed` and one additive bias, blocked
keys set to the most negative finite float (not -inf), the weights of queries with no key left
zeroed by multiplying with a 0/1 factor."""
import torch


def scaled_dot_product_attention(Q, K, V, mask=None, is_causal=False):
    n_q, n_k, d_k = Q.shape[-2], K.shape[-2], Q.shape[-1]
    scores = torch.einsum("...qd,...kd->...qk", Q, K) * d_k ** -0.5
    allowed = torch.ones(n_q, n_k, dtype=torch.bool, device=Q.device)
    if is_causal:
        allowed = allowed & (torch.arange(n_k, device=Q.device)[None, :]
                             <= torch.arange(n_q, device=Q.device)[:, None])
    if mask is not None and mask.dtype == torch.bool:
        allowed = allowed & mask
    elif mask is not None:
        allowed = allowed & ~torch.isneginf(mask)
        scores = scores + torch.where(allowed, mask, torch.zeros_like(mask))
    allowed = allowed.expand(scores.shape)
    scores = scores.masked_fill(~allowed, torch.finfo(scores.dtype).min)
    weights = scores.softmax(dim=-1) * allowed.any(dim=-1, keepdim=True)
    return torch.einsum("...qk,...kd->...qd", weights, V), weights
