"""Mutant: only the best window of each sequence is kept (when it reaches the threshold), not every window
that does."""
import torch
import torch.nn.functional as F  # noqa: F401

from coursekit.data.session04 import one_hot
from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    draw_logo, information_content, probability_matrix)

CAUGHT_BY = {"planted_motif_recovered"}


def activating_subsequences(conv, sequences, filter_index, threshold_fraction=0.5):
    width = conv.kernel_size[0]
    with torch.no_grad():
        scores = conv(one_hot(sequences))[:, filter_index]
    top = scores.max()
    if top <= 0:
        return []
    best, where = scores.max(dim=1)
    return [sequences[n][j:j + width] for n, (b, j) in enumerate(zip(best.tolist(), where.tolist()))
            if b >= threshold_fraction * top]
