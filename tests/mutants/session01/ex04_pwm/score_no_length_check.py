"""Mutant: score_with_pwm zips the sequence with the PWM columns without checking the length,
so a too-long or too-short sequence gets a score instead of a ValueError."""
import math

from reference.session01.ex04_pwm import create_pwm, scan_batch, scan_sequence  # noqa: F401

CAUGHT_BY = {"score"}


def score_with_pwm(sequence, pwm):
    return sum(math.log2(column["ACGT".index(b)].item() + 1e-8) for b, column in zip(sequence.upper(), pwm.T))
