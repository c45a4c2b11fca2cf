"""Mutant: off by one in the scan, range(len(sequence) - L): the window that ends at the last
base is never scored."""
from reference.session01.ex04_pwm import create_pwm, scan_batch, score_with_pwm  # noqa: F401

CAUGHT_BY = {"scan", "finds_implanted_motif"}


def scan_sequence(sequence, pwm, threshold=-10.0):
    size = pwm.shape[1]
    hits = []
    for i in range(len(sequence) - size):
        s = score_with_pwm(sequence[i:i + size], pwm)
        if s >= threshold:
            hits.append((i, s))
    return hits
