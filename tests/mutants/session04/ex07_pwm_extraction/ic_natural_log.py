"""Mutant: information content in nats (natural logarithm) instead of bits."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, draw_logo, probability_matrix)

CAUGHT_BY = {"information_content", "crp_matches_logomaker"}


def information_content(pwm, background=None):
    p = pwm.double()
    q = (torch.full((4, 1), 0.25, dtype=torch.float64) if background is None
         else background.double().reshape(4, 1))
    terms = torch.where(p > 0, p * torch.log(p / q), torch.zeros_like(p))
    return terms.sum(dim=0).float()
