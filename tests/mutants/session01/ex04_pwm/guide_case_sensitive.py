"""Mutant: the guide's loops, which look bases up in {'A': 0, 'C': 1, 'G': 2, 'T': 3} as they
are: lower-case (soft-masked) bases raise KeyError, and create_pwm never checks the lengths."""
import torch

from reference.session01.ex04_pwm import scan_batch  # noqa: F401

CAUGHT_BY = {"create_pwm", "score", "scan"}


def create_pwm(sequences):
    if not sequences:
        raise ValueError("Empty sequence list")
    counts = torch.zeros(4, len(sequences[0]))
    nucleotide_to_int = {"A": 0, "C": 1, "G": 2, "T": 3}
    for seq in sequences:
        for pos, nucleotide in enumerate(seq):
            counts[nucleotide_to_int[nucleotide], pos] += 1
    return counts / len(sequences)


def score_with_pwm(sequence, pwm):
    if len(sequence) != pwm.shape[1]:
        raise ValueError("length mismatch")
    nucleotide_to_int = {"A": 0, "C": 1, "G": 2, "T": 3}
    score = 0.0
    for pos, nucleotide in enumerate(sequence):
        score += torch.log2(pwm[nucleotide_to_int[nucleotide], pos] + 1e-8).item()
    return score


def scan_sequence(sequence, pwm, threshold=-10.0):
    hits = []
    for i in range(len(sequence) - pwm.shape[1] + 1):
        score = score_with_pwm(sequence[i:i + pwm.shape[1]], pwm)
        if score >= threshold:
            hits.append((i, score))
    return hits
