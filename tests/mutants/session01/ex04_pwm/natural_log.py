"""Mutant: natural logarithm (torch.log) instead of log2, in the score and the batch scanner."""
import torch
import torch.nn.functional as F

from reference.session01.ex04_pwm import create_pwm  # noqa: F401

CAUGHT_BY = {"score", "scan", "scan_batch", "scan_batch_no_loop"}


def score_with_pwm(sequence, pwm):
    if len(sequence) != pwm.shape[1]:
        raise ValueError("length mismatch")
    rows = torch.tensor(["ACGT".index(b) for b in sequence.upper()])
    return torch.log(pwm[rows, torch.arange(len(sequence))] + 1e-8).sum().item()


def scan_sequence(sequence, pwm, threshold=-10.0):
    size = pwm.shape[1]
    hits = []
    for i in range(len(sequence) - size + 1):
        s = score_with_pwm(sequence[i:i + size], pwm)
        if s >= threshold:
            hits.append((i, s))
    return hits


def scan_batch(one_hot_batch, pwm):
    return F.conv1d(one_hot_batch, torch.log(pwm + 1e-8).unsqueeze(0)).squeeze(1)
