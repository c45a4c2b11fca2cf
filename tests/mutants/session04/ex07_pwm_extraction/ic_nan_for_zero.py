"""Mutant: p * log2(p / q) computed for every entry, so a zero probability gives 0 * -inf = NaN
(0 log 0 is not taken as 0)."""
import torch

from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    activating_subsequences, draw_logo, probability_matrix)

CAUGHT_BY = {"information_content"}


def information_content(pwm, background=None):
    p = pwm.double()
    q = (torch.full((4, 1), 0.25, dtype=torch.float64) if background is None
         else background.double().reshape(4, 1))
    return (p * torch.log2(p / q)).sum(dim=0).float()
