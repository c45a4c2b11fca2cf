"""Mutant: sorted ascending and the first top_n kept: the lowest-scoring windows."""
import torch

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, visualize_conv_filters  # noqa: F401
from coursekit.data.session04 import one_hot

CAUGHT_BY = {"top_subsequences", "top_order", "finds_planted_motif"}


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = _ex04_first_conv(model)
    k = conv.kernel_size[0]
    with torch.no_grad():
        acts = conv(one_hot(sequences))[:, filter_index]
    windows = [(sequences[i][s:s + k], acts[i, s].item(), i, s)
               for i in range(acts.shape[0]) for s in range(acts.shape[1])]
    return sorted(windows, key=lambda w: w[1])[:top_n]
