"""Mutant: scan_sequence keeps each score as a 0-d tensor instead of a Python float."""
import torch

from reference.session01.ex04_pwm import create_pwm, scan_batch, score_with_pwm  # noqa: F401

CAUGHT_BY = {"scan"}


def scan_sequence(sequence, pwm, threshold=-10.0):
    size = pwm.shape[1]
    hits = []
    for i in range(len(sequence) - size + 1):
        s = torch.tensor(score_with_pwm(sequence[i:i + size], pwm))
        if s >= threshold:
            hits.append((i, s))
    return hits
