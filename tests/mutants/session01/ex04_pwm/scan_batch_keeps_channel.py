"""Mutant: the output channel of the convolution is kept: [B, 1, N - L + 1]."""
import torch
import torch.nn.functional as F

from reference.session01.ex04_pwm import create_pwm, scan_sequence, score_with_pwm  # noqa: F401

CAUGHT_BY = {"scan_batch", "scan_batch_no_loop"}


def scan_batch(one_hot_batch, pwm):
    return F.conv1d(one_hot_batch, torch.log2(pwm + 1e-8).unsqueeze(0))
