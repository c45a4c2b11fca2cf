"""Mutant: the activations are compared with threshold_fraction itself (an absolute threshold), not with
that fraction of the largest activation."""
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
    if scores.max() <= 0:
        return []
    keep = (scores >= threshold_fraction).nonzero().tolist()
    return [sequences[n][j:j + width] for n, j in keep]
