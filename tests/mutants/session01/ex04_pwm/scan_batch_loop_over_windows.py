"""Mutant: correct scores, but a Python loop over the window starts instead of one conv1d."""
import torch

from reference.session01.ex04_pwm import create_pwm, scan_sequence, score_with_pwm  # noqa: F401

CAUGHT_BY = {"scan_batch_no_loop"}


def scan_batch(one_hot_batch, pwm):
    weight = torch.log2(pwm + 1e-8)
    size = weight.shape[1]
    columns = []
    for j in range(one_hot_batch.shape[2] - size + 1):
        columns.append((one_hot_batch[:, :, j:j + size] * weight).sum(dim=(1, 2)))
    return torch.stack(columns, dim=1)
