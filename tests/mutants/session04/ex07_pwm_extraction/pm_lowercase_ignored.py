"""Mutant: letters are not upper-cased, so a soft-masked (lower-case) base counts as no base."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, draw_logo, information_content)

CAUGHT_BY = {"probability_matrix"}


def probability_matrix(sites, pseudocount=0.0):
    if not sites or any(len(s) != len(sites[0]) for s in sites):
        raise ValueError("aligned sites of one length are needed")
    counts = torch.full((4, len(sites[0])), float(pseudocount), dtype=torch.float64)
    for site in sites:
        for i, letter in enumerate(site):
            if letter in "ACGT":
                counts["ACGT".index(letter), i] += 1
    totals = counts.sum(dim=0)
    return torch.where(totals > 0, counts / totals.clamp(min=1e-12), torch.full_like(counts, 0.25)).float()
