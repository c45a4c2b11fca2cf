"""Mutant: no special case for a filter that never fires (largest activation M <= 0): a filter of zeros
returns every window (0 >= 0.5 * 0), and with threshold_fraction=1.0 a negative filter returns its best
windows."""
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
    keep = (scores >= threshold_fraction * scores.max()).nonzero().tolist()
    return [sequences[n][j:j + width] for n, j in keep]
