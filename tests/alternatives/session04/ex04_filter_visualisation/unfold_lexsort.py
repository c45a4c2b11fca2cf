"""Alternative: windows by Tensor.unfold and einsum, ranking by numpy.lexsort, a full grid whose
unused cells are deleted with fig.delaxes, panels drawn with matshow."""
import numpy as np
import torch
from torch import nn
from matplotlib import pyplot as plt

from coursekit.data.session04 import one_hot


def _ex04_alt_conv(model):
    return next(m for m in model.modules() if isinstance(m, nn.Conv1d))


def visualize_conv_filters(model, max_filters=32):
    w = _ex04_alt_conv(model).weight.data.clone().numpy()
    n = min(max_filters, w.shape[0])
    fig, axes = plt.subplots(int(np.ceil(n / 4)), 4, squeeze=False)
    for i, ax in enumerate(axes.ravel()):
        if i < n:
            ax.matshow(w[i], cmap="coolwarm")
            ax.set_yticks(np.arange(4))
            ax.set_yticklabels(["A", "C", "G", "T"])
            ax.set_title(f"Filter {i}")
        else:
            fig.delaxes(ax)
    return fig


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = _ex04_alt_conv(model)
    k = conv.kernel_size[0]
    x = one_hot(sequences)                              # [N, 4, L]
    windows = x.unfold(2, k, 1)                         # [N, 4, L-k+1, k]
    with torch.no_grad():
        score = torch.einsum("ncsj,cj->ns", windows, conv.weight[filter_index]) + conv.bias[filter_index]
    score = score.numpy()
    idx, start = np.indices(score.shape)
    order = np.lexsort((start.ravel(), idx.ravel(), -score.ravel()))[:top_n]
    return [(sequences[int(idx.flat[o])][int(start.flat[o]):int(start.flat[o]) + k], float(score.flat[o]),
             int(idx.flat[o]), int(start.flat[o])) for o in order]
