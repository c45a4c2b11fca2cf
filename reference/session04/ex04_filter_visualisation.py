"""Reference solution: session 4, exercise 4 (filter figure, top-activating subsequences)."""
import math

import torch
from torch import nn
from matplotlib import pyplot as plt

from coursekit.data.session04 import one_hot  # noqa: F401


def _ex04_first_conv(model: nn.Module) -> nn.Conv1d:
    """The first nn.Conv1d that model.modules() yields."""
    convs = [layer for layer in model.modules() if isinstance(layer, nn.Conv1d)]
    if not convs:
        raise ValueError("the model has no nn.Conv1d")
    return convs[0]


def visualize_conv_filters(model, max_filters: int = 32):
    weights = _ex04_first_conv(model).weight.detach().cpu().numpy()
    shown = min(max_filters, weights.shape[0])
    n_cols = min(8, shown)
    n_rows = math.ceil(shown / n_cols)
    fig, grid = plt.subplots(n_rows, n_cols, figsize=(2.0 * n_cols, 1.6 * n_rows), squeeze=False,
                             layout="constrained")
    limit = float(abs(weights[:shown]).max()) or 1.0
    for cell, ax in enumerate(grid.flat):
        if cell >= shown:
            ax.remove()
            continue
        ax.imshow(weights[cell], aspect="auto", cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_yticks(range(4), ["A", "C", "G", "T"])
        ax.set_xlabel("position")
        ax.set_title(f"Filter {cell}")
    return fig


def top_activating_subsequences(model, sequences: list[str], filter_index: int, top_n: int = 10) -> list:
    conv = _ex04_first_conv(model)
    (width,) = conv.kernel_size
    codes = torch.tensor([["ACGT".index(base) for base in sequence] for sequence in sequences])
    batch = nn.functional.one_hot(codes, 4).permute(0, 2, 1).to(conv.weight.dtype)
    with torch.no_grad():
        activation = conv(batch)[:, filter_index, :]
    n_starts = activation.shape[1]
    ranked = torch.sort(activation.reshape(-1), descending=True, stable=True)
    top = []
    for score, flat in zip(ranked.values[:top_n].tolist(), ranked.indices[:top_n].tolist()):
        row, start = divmod(flat, n_starts)
        top.append((sequences[row][start:start + width], score, row, start))
    return top
