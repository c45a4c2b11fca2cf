"""Mutant: the guide's `model.conv`: the filters of a model whose first Conv1d has another name
are never found."""
import torch
from matplotlib import pyplot as plt


CAUGHT_BY = {"filter_figure", "figure_axes", "top_subsequences"}


def visualize_conv_filters(model, max_filters=32):
    weights = model.conv.weight.detach().numpy()
    shown = min(max_filters, weights.shape[0])
    fig, axes = plt.subplots(1, shown, squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.imshow(weights[i], aspect="auto", cmap="RdBu_r")
        ax.set_yticks(range(4), ["A", "C", "G", "T"])
        ax.set_title(f"Filter {i}")
    return fig


def top_activating_subsequences(model, sequences, filter_index, top_n=10):
    conv = model.conv
    k = conv.kernel_size[0]
    x = torch.stack([torch.eye(4)[:, ["ACGT".index(b) for b in s]] for s in sequences])
    with torch.no_grad():
        acts = conv(x)[:, filter_index]
    ranked = torch.sort(acts.flatten(), descending=True, stable=True)
    out = []
    for score, flat in zip(ranked.values[:top_n].tolist(), ranked.indices[:top_n].tolist()):
        i, s = divmod(flat, acts.shape[1])
        out.append((sequences[i][s:s + k], score, i, s))
    return out
