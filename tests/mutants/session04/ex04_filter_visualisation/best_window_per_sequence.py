"""Mutant: max-pooled first (the best window of each sequence), so a sequence never gives two top windows."""
import torch

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, visualize_conv_filters  # noqa: F401
from coursekit.data.session04 import one_hot

CAUGHT_BY = {"top_subsequences"}


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = _ex04_first_conv(model)
    k = conv.kernel_size[0]
    with torch.no_grad():
        best, where = conv(one_hot(sequences))[:, filter_index].max(dim=1)
    order = torch.sort(best, descending=True, stable=True).indices[:top_n].tolist()
    return [(sequences[i][where[i]:where[i] + k], best[i].item(), i, int(where[i])) for i in order]
