"""Mutant: hits reported at 1-based positions (start + 1), as in GFF files, where the spec
asks for 0-based window starts."""
from reference.session01.ex04_pwm import create_pwm, scan_batch, score_with_pwm  # noqa: F401

CAUGHT_BY = {"scan", "finds_implanted_motif"}


def scan_sequence(sequence, pwm, threshold=-10.0):
    size = pwm.shape[1]
    hits = []
    for i in range(len(sequence) - size + 1):
        s = score_with_pwm(sequence[i:i + size], pwm)
        if s >= threshold:
            hits.append((i + 1, s))
    return hits
