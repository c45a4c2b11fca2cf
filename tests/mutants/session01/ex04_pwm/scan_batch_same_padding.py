"""Mutant: padding='same', copied from a CNN layer: N outputs per sequence, with windows that
hang over the ends and every start shifted."""
import warnings

import torch
import torch.nn.functional as F

from reference.session01.ex04_pwm import create_pwm, scan_sequence, score_with_pwm  # noqa: F401

CAUGHT_BY = {"scan_batch", "scan_batch_no_loop", "finds_implanted_motif"}


def scan_batch(one_hot_batch, pwm):
    with warnings.catch_warnings():  # torch warns that an even kernel pads unevenly
        warnings.simplefilter("ignore")
        return F.conv1d(one_hot_batch, torch.log2(pwm + 1e-8).unsqueeze(0), padding="same").squeeze(1)
