"""Mutant: the windows are decoded from the one-hot batch (upper case, N for any other letter) instead of
being cut from the sequences as given."""
import torch
import torch.nn.functional as F  # noqa: F401

from coursekit.data.session04 import one_hot
from reference.session04.ex07_pwm_extraction import (  # noqa: F401
    draw_logo, information_content, probability_matrix)

CAUGHT_BY = {"planted_motif_recovered"}


def activating_subsequences(conv, sequences, filter_index, threshold_fraction=0.5):
    width = conv.kernel_size[0]
    batch = one_hot(sequences)
    with torch.no_grad():
        scores = conv(batch)[:, filter_index]
    top = scores.max()
    if top <= 0:
        return []
    windows = []
    for n, j in (scores >= threshold_fraction * top).nonzero().tolist():
        block = batch[n, :, j:j + width]
        windows.append("".join("ACGT"[int(col.argmax())] if col.any() else "N" for col in block.T))
    return windows
