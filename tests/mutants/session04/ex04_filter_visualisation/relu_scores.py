"""Mutant: ReLU applied to the activations before ranking (every negative score becomes a tie at 0)."""
import torch
import torch.nn.functional as F

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, visualize_conv_filters  # noqa: F401
from coursekit.data.session04 import one_hot

CAUGHT_BY = {"top_subsequences"}


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = _ex04_first_conv(model)
    k = conv.kernel_size[0]
    with torch.no_grad():
        acts = F.relu(conv(one_hot(sequences)))[:, filter_index]
    ranked = torch.sort(acts.flatten(), descending=True, stable=True)
    out = []
    for score, flat in zip(ranked.values[:top_n].tolist(), ranked.indices[:top_n].tolist()):
        i, s = divmod(flat, acts.shape[1])
        out.append((sequences[i][s:s + k], score, i, s))
    return out
