"""Mutant: the entropy -sum p log2 p is returned instead of the information content 2 - H
(the maximum of 2 bits is forgotten)."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, draw_logo, probability_matrix)

CAUGHT_BY = {"information_content", "crp_matches_logomaker"}


def information_content(pwm, background=None):
    p = pwm.double()
    terms = torch.where(p > 0, p * torch.log2(p), torch.zeros_like(p))
    return (-terms.sum(dim=0)).float()
