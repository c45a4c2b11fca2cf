"""Mutant: a true convolution (numpy.convolve flips the kernel) instead of the cross-correlation
that Conv1d computes."""
import numpy as np

from reference.session04.ex04_filter_visualisation import _ex04_first_conv, visualize_conv_filters  # noqa: F401

CAUGHT_BY = {"top_subsequences", "finds_planted_motif"}


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = _ex04_first_conv(model)
    k = conv.kernel_size[0]
    w = conv.weight[filter_index].detach().numpy().astype(np.float64)
    b = conv.bias[filter_index].item()
    windows = []
    for i, seq in enumerate(sequences):
        x = (np.array(list(seq))[None, :] == np.array(list("ACGT"))[:, None]).astype(np.float64)
        acts = b + sum(np.convolve(x[c], w[c], mode="valid") for c in range(4))
        windows += [(seq[s:s + k], float(a), i, s) for s, a in enumerate(acts)]
    return sorted(windows, key=lambda t: (-t[1], t[2], t[3]))[:top_n]
