"""Mutant: a hand loop over range(L - k) window starts, which skips the last window of each sequence."""
from reference.session04.ex04_filter_visualisation import _ex04_first_conv, visualize_conv_filters  # noqa: F401

CAUGHT_BY = {"top_subsequences", "top_order"}


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = _ex04_first_conv(model)
    k = conv.kernel_size[0]
    w = conv.weight[filter_index].detach()
    b = conv.bias[filter_index].item()
    windows = []
    for i, seq in enumerate(sequences):
        for s in range(len(seq) - k):
            score = b + sum(w["ACGT".index(seq[s + j]), j].item() for j in range(k))
            windows.append((seq[s:s + k], score, i, s))
    return sorted(windows, key=lambda t: (-t[1], t[2], t[3]))[:top_n]
