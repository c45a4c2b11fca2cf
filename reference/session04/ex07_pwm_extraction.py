"""Reference solution: session 4, exercise 7 (from filters to PWMs and sequence logos)."""
import math

import logomaker
import pandas as pd
import torch
import torch.nn.functional as F
from matplotlib import pyplot as plt
from torch import nn


def _ex07_rows(sequences: list[str]) -> torch.Tensor:
    """int64 ``[N, L]``: the row of each letter (A 0, C 1, G 2, T 3), -1 for any other letter."""
    return torch.tensor([["ACGT".find(letter) for letter in sequence.upper()] for sequence in sequences],
                        dtype=torch.int64).reshape(len(sequences), -1)


def _ex07_one_hot(sequences: list[str]) -> torch.Tensor:
    """float32 ``[N, 4, L]``, rows A, C, G, T; any other letter an all-zero column."""
    slots = F.one_hot(_ex07_rows(sequences) + 1, num_classes=5)[..., 1:]
    return slots.permute(0, 2, 1).float()


def activating_subsequences(conv: nn.Conv1d, sequences: list[str], filter_index: int,
                            threshold_fraction: float = 0.5) -> list[str]:
    width = conv.kernel_size[0]
    with torch.no_grad():
        activation = conv(_ex07_one_hot(sequences).to(conv.weight.dtype))[:, filter_index, :]
    peak = activation.max()
    if peak <= 0:
        return []
    selected = (activation >= threshold_fraction * peak).nonzero().tolist()
    return [sequences[n][start:start + width] for n, start in selected]


def probability_matrix(sites: list[str], pseudocount: float = 0.0) -> torch.Tensor:
    if len(sites) == 0:
        raise ValueError("probability_matrix needs at least one site")
    width = len(sites[0])
    if any(len(site) != width for site in sites):
        raise ValueError("the sites must all have the same length")
    counts = _ex07_one_hot(sites).sum(dim=0).double() + pseudocount
    totals = counts.sum(dim=0, keepdim=True)
    uniform = torch.full_like(counts, 0.25)
    return torch.where(totals > 0, counts / totals.clamp(min=1e-300), uniform).float()


def information_content(pwm: torch.Tensor, background: torch.Tensor | None = None) -> torch.Tensor:
    probabilities = torch.as_tensor(pwm, dtype=torch.float64)
    if background is None:
        expected = torch.full((4, 1), 0.25, dtype=torch.float64)
    else:
        expected = torch.as_tensor(background, dtype=torch.float64).reshape(4, 1)
    nats = torch.special.xlogy(probabilities, probabilities / expected).sum(dim=0)
    return (nats / math.log(2.0)).float()


def draw_logo(pwm: torch.Tensor):
    probabilities = torch.as_tensor(pwm, dtype=torch.float64)
    heights = probabilities * information_content(probabilities).double()
    frame = pd.DataFrame(heights.T.numpy(), columns=list("ACGT"))
    fig, ax = plt.subplots(figsize=(max(4.0, 0.45 * len(frame)), 2.5))
    logomaker.Logo(frame, ax=ax)
    ax.set_xlabel("Position in the motif")
    ax.set_ylabel("Information (bits)")
    return fig
