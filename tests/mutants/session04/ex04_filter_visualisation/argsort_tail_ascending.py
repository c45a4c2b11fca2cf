"""Mutant: numpy's argsort()[-top_n:]: the right windows, but lowest first (never reversed)."""
import numpy as np
import torch

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, visualize_conv_filters  # noqa: F401
from coursekit.data.session04 import one_hot

CAUGHT_BY = {"top_order"}


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = _ex04_first_conv(model)
    k = conv.kernel_size[0]
    with torch.no_grad():
        acts = conv(one_hot(sequences))[:, filter_index].numpy()
    flat = acts.ravel()
    order = np.argsort(-flat, kind="stable")[:top_n][::-1]
    out = []
    for j in order:
        i, s = divmod(int(j), acts.shape[1])
        out.append((sequences[i][s:s + k], float(flat[j]), i, s))
    return out
