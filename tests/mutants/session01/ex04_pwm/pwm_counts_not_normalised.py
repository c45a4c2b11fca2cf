"""Mutant: create_pwm returns the base counts, never divided by the number of sites."""
import torch

from reference.session01.ex04_pwm import scan_batch, scan_sequence, score_with_pwm  # noqa: F401

CAUGHT_BY = {"create_pwm"}


def create_pwm(sequences):
    if not sequences or any(len(s) != len(sequences[0]) for s in sequences):
        raise ValueError("sites must be non-empty and of one length")
    counts = torch.zeros(4, len(sequences[0]))
    for site in sequences:
        for pos, base in enumerate(site.upper()):
            counts["ACGT".index(base), pos] += 1
    return counts
