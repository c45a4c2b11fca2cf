"""Mutant: the rows come in the order A, T, C, G (a common way of listing the bases) instead of A, C, G, T."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, draw_logo, information_content)

CAUGHT_BY = {"probability_matrix", "crp_matches_logomaker", "planted_motif_recovered"}


def probability_matrix(sites, pseudocount=0.0):
    if not sites or any(len(s) != len(sites[0]) for s in sites):
        raise ValueError("aligned sites of one length are needed")
    rows = {"A": 0, "T": 1, "C": 2, "G": 3}
    counts = torch.full((4, len(sites[0])), float(pseudocount), dtype=torch.float64)
    for site in sites:
        for i, letter in enumerate(site.upper()):
            if letter in rows:
                counts[rows[letter], i] += 1
    totals = counts.sum(dim=0)
    return torch.where(totals > 0, counts / totals.clamp(min=1e-12), torch.full_like(counts, 0.25)).float()
