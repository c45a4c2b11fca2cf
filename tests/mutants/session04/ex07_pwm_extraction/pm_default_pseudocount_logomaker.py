"""Mutant: the default pseudocount is 1.0 (logomaker's own default) instead of the stated 0.0."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    _ex07_one_hot, activating_subsequences, draw_logo, information_content)

CAUGHT_BY = {"probability_matrix", "crp_matches_logomaker"}


def probability_matrix(sites, pseudocount=1.0):
    if not sites or any(len(s) != len(sites[0]) for s in sites):
        raise ValueError("aligned sites of one length are needed")
    counts = _ex07_one_hot(sites).sum(dim=0).double() + pseudocount
    totals = counts.sum(dim=0)
    return torch.where(totals > 0, counts / totals.clamp(min=1e-12), torch.full_like(counts, 0.25)).float()
