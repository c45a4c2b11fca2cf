"""Mutant: the background argument is ignored: always 2 - H, the uniform background."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, draw_logo, probability_matrix)

CAUGHT_BY = {"information_content", "crp_matches_logomaker"}


def information_content(pwm, background=None):
    p = pwm.double()
    terms = torch.where(p > 0, p * torch.log2(p), torch.zeros_like(p))
    return (2.0 + terms.sum(dim=0)).float()
