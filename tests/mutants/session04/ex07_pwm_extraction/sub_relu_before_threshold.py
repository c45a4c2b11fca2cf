"""Mutant: a ReLU is applied before the threshold (as in the model), so with threshold_fraction=0 every
window is kept, negative activations included."""
import torch
import torch.nn.functional as F  # noqa: F401

from coursekit.data.session04 import one_hot
from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    draw_logo, information_content, probability_matrix)

CAUGHT_BY = {"planted_motif_recovered"}


def activating_subsequences(conv, sequences, filter_index, threshold_fraction=0.5):
    width = conv.kernel_size[0]
    with torch.no_grad():
        scores = torch.relu(conv(one_hot(sequences))[:, filter_index])
    top = scores.max()
    if top <= 0:
        return []
    keep = (scores >= threshold_fraction * top).nonzero().tolist()
    return [sequences[n][j:j + width] for n, j in keep]
