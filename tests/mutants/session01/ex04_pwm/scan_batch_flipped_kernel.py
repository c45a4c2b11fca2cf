"""Mutant: the kernel flipped along the motif (weight.flip(-1)), as if F.conv1d were a true
convolution; it is a cross-correlation, so the flip scans for the reversed motif."""
import torch
import torch.nn.functional as F

from reference.session01.ex04_pwm import create_pwm, scan_sequence, score_with_pwm  # noqa: F401

CAUGHT_BY = {"scan_batch", "scan_batch_no_loop", "finds_implanted_motif"}


def scan_batch(one_hot_batch, pwm):
    weight = torch.log2(pwm + 1e-8).flip(-1).unsqueeze(0)
    return F.conv1d(one_hot_batch, weight).squeeze(1)
