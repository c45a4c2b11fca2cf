"""Mutant: PWMs laid out [L, 4] (one row per motif position) throughout: create_pwm returns
the transpose and score_with_pwm indexes pwm[position, base]."""
import math

import torch

from reference.session01.ex04_pwm import scan_batch  # noqa: F401

CAUGHT_BY = {"create_pwm", "score", "scan", "finds_implanted_motif"}


def create_pwm(sequences):
    if not sequences or any(len(s) != len(sequences[0]) for s in sequences):
        raise ValueError("sites must be non-empty and of one length")
    counts = torch.zeros(len(sequences[0]), 4)
    for site in sequences:
        for pos, base in enumerate(site.upper()):
            counts[pos, "ACGT".index(base)] += 1
    return counts / len(sequences)


def score_with_pwm(sequence, pwm):
    if len(sequence) != pwm.shape[0]:
        raise ValueError("length mismatch")
    return sum(math.log2(pwm[pos, "ACGT".index(b)].item() + 1e-8) for pos, b in enumerate(sequence.upper()))


def scan_sequence(sequence, pwm, threshold=-10.0):
    size = pwm.shape[0]
    hits = []
    for i in range(len(sequence) - size + 1):
        s = score_with_pwm(sequence[i:i + size], pwm)
        if s >= threshold:
            hits.append((i, s))
    return hits
