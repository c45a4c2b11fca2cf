"""Alternative: computed in float64 with an explicit, numerically safe softmax built from
torch.where (subtract the row maximum, exponentiate, divide by a denominator that is never 0),
then cast back to the inputs' dtype."""
import math

import torch


def _keep(n_q, n_k, device):
    rows = torch.arange(n_q, device=device).unsqueeze(-1)
    cols = torch.arange(n_k, device=device).unsqueeze(0)
    return cols <= rows


def scaled_dot_product_attention(Q, K, V, mask=None, is_causal=False):
    dtype = Q.dtype
    q, k, v = Q.double(), K.double(), V.double()
    scores = torch.matmul(q, k.transpose(-1, -2)).div(math.sqrt(q.size(-1)))
    minus_inf = torch.tensor(float("-inf"), dtype=torch.float64, device=Q.device)
    if mask is not None:
        if mask.dtype == torch.bool:
            scores = torch.where(mask, scores, minus_inf)
        else:
            scores = scores + mask.double()
    if is_causal:
        scores = torch.where(_keep(q.size(-2), k.size(-2), Q.device), scores, minus_inf)
    top = scores.amax(dim=-1, keepdim=True)
    top = torch.where(torch.isfinite(top), top, torch.zeros_like(top))
    blocked = torch.isneginf(scores)
    e = torch.exp(torch.where(blocked, torch.zeros_like(scores), scores - top))
    e = torch.where(blocked, torch.zeros_like(e), e)
    total = e.sum(dim=-1, keepdim=True)
    weights = e / torch.where(total > 0, total, torch.ones_like(total))
    return torch.matmul(weights, v).to(dtype), weights.to(dtype)
