"""Alternative: numpy, a loop over windows summing one weight per base, Python's sorted with a
(-score, index, start) key, panels added one by one with origin="lower"."""
import numpy as np
from torch import nn
from matplotlib import pyplot as plt


def _conv_of(model):
    return [m for m in model.modules() if isinstance(m, nn.Conv1d)][0]


def visualize_conv_filters(model, max_filters=32):
    weights = _conv_of(model).weight.detach().numpy().copy()
    count = min(max_filters, len(weights))
    columns = 6
    rows = -(-count // columns)
    fig = plt.figure(figsize=(12, 2 * rows))
    for f in range(count):
        ax = fig.add_subplot(rows, columns, f + 1)
        ax.imshow(weights[f], origin="lower", cmap="PuOr")
        ax.set_yticks([0, 1, 2, 3])
        ax.set_yticklabels(list("ACGT"))
        ax.set_title("Filter %d" % f)
    return fig


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = _conv_of(model)
    w = conv.weight[filter_index].detach().numpy()
    bias = conv.bias[filter_index].item()
    k = w.shape[1]
    row_of = {"A": 0, "C": 1, "G": 2, "T": 3}
    found = []
    for n, seq in enumerate(sequences):
        rows = np.array([row_of[b] for b in seq])
        for s in range(len(seq) - k + 1):
            score = bias + float(w[rows[s:s + k], np.arange(k)].sum(dtype=np.float64))
            found.append((seq[s:s + k], score, n, s))
    found.sort(key=lambda item: (-item[1], item[2], item[3]))
    return found[:top_n]
