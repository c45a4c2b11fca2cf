"""Correct alternative: unfold + einsum for the scan, one_hot sums for the counts, xlogy-free
masking for the entropy, and a logo drawn by logomaker into a figure of its own (then styled)."""
import logomaker
import pandas as pd
import torch
import torch.nn.functional as F

from coursekit.data.session04 import one_hot


def activating_subsequences(conv, sequences, filter_index, threshold_fraction=0.5):
    weight = conv.weight.detach()[filter_index]  # [4, K]
    width = weight.shape[-1]
    patches = one_hot(sequences).unfold(2, width, 1)  # [N, 4, L-K+1, K]
    scores = torch.einsum("nrjk,rk->nj", patches, weight)
    if conv.bias is not None:
        scores = scores + conv.bias.detach()[filter_index]
    peak = scores.max().item()
    if not peak > 0:
        return []
    chosen = torch.argwhere(scores >= threshold_fraction * peak)
    return [sequences[int(n)][int(j):int(j) + width] for n, j in chosen]


def probability_matrix(sites, pseudocount=0.0):
    if not sites:
        raise ValueError("no sites")
    if len({len(s) for s in sites}) != 1:
        raise ValueError("sites of different lengths")
    letters = torch.tensor([[{"A": 0, "C": 1, "G": 2, "T": 3}.get(c, 4) for c in s.upper()] for s in sites])
    counts = F.one_hot(letters, 5).sum(dim=0).T[:4].double()  # [4, L]
    counts = counts + pseudocount
    totals = counts.sum(dim=0)
    empty = totals == 0
    probabilities = counts / torch.where(empty, torch.ones_like(totals), totals)
    probabilities[:, empty] = 0.25
    return probabilities.to(torch.float32)


def information_content(pwm, background=None):
    p = pwm.to(torch.float32)
    q = torch.tensor([0.25, 0.25, 0.25, 0.25]) if background is None else torch.as_tensor(background).float()
    log_ratio = torch.log2(p.clamp_min(1e-30)) - torch.log2(q)[:, None]
    return torch.where(p > 0, p * log_ratio, torch.zeros_like(p)).sum(dim=0)


def draw_logo(pwm):
    bits = information_content(pwm)
    heights = pd.DataFrame((pwm * bits).T.numpy().astype(float), columns=list("ACGT"))
    logo = logomaker.Logo(heights, figsize=(7, 2.2), color_scheme="classic")
    logo.style_glyphs(color_scheme="colorblind_safe")
    logo.highlight_position_range(pmin=0, pmax=1, color="lightyellow")
    logo.style_spines(visible=False)
    logo.ax.set_ylabel("information content (bits)")
    return logo.fig
