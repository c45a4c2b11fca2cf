"""Mutant: probability_matrix returns the counts (plus pseudocounts), never divided by the column totals."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, draw_logo, information_content)

CAUGHT_BY = {"probability_matrix", "crp_matches_logomaker"}


def probability_matrix(sites, pseudocount=0.0):
    if not sites or any(len(s) != len(sites[0]) for s in sites):
        raise ValueError("aligned sites of one length are needed")
    counts = torch.full((4, len(sites[0])), float(pseudocount))
    for site in sites:
        for i, letter in enumerate(site.upper()):
            if letter in "ACGT":
                counts["ACGT".index(letter), i] += 1
    return counts
