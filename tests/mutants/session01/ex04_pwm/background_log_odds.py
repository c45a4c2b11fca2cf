"""Mutant: log-odds against a uniform background, log2((p + 1e-8) / 0.25), where the spec
asks for plain log2 probabilities (every score shifted by 2 bits per position)."""
import torch
import torch.nn.functional as F

from reference.session01.ex04_pwm import create_pwm  # noqa: F401

CAUGHT_BY = {"score", "scan", "scan_batch"}


def score_with_pwm(sequence, pwm):
    if len(sequence) != pwm.shape[1]:
        raise ValueError("length mismatch")
    rows = torch.tensor(["ACGT".index(b) for b in sequence.upper()])
    return torch.log2((pwm[rows, torch.arange(len(sequence))] + 1e-8) / 0.25).sum().item()


def scan_sequence(sequence, pwm, threshold=-10.0):
    size = pwm.shape[1]
    hits = []
    for i in range(len(sequence) - size + 1):
        s = score_with_pwm(sequence[i:i + size], pwm)
        if s >= threshold:
            hits.append((i, s))
    return hits


def scan_batch(one_hot_batch, pwm):
    return F.conv1d(one_hot_batch, torch.log2((pwm + 1e-8) / 0.25).unsqueeze(0)).squeeze(1)
