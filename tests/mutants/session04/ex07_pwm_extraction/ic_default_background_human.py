"""Mutant: background=None is taken as the human genome's composition (41% GC) instead of the
stated uniform 0.25 each."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, draw_logo, probability_matrix)

CAUGHT_BY = {"information_content", "crp_matches_logomaker"}


def information_content(pwm, background=None):
    if background is None:
        background = torch.tensor([0.295, 0.205, 0.205, 0.295])
    p = pwm.double()
    q = background.double().reshape(4, 1)
    terms = torch.where(p > 0, p * torch.log2(p / q), torch.zeros_like(p))
    return terms.sum(dim=0).float()
