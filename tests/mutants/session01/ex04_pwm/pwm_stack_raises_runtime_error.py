"""Mutant: create_pwm stacks one-hot sites with torch.stack and checks nothing, so an empty
list or sites of different lengths raise RuntimeError instead of ValueError."""
import torch

from reference.session01.ex04_pwm import scan_batch, scan_sequence, score_with_pwm  # noqa: F401

CAUGHT_BY = {"create_pwm"}


def _one_hot(site):
    grid = torch.zeros(4, len(site))
    for pos, base in enumerate(site.upper()):
        grid["ACGT".index(base), pos] = 1.0
    return grid


def create_pwm(sequences):
    return torch.stack([_one_hot(s) for s in sequences]).mean(dim=0)
