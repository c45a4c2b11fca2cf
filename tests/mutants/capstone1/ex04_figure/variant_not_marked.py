"""Mutant: no line marks the variant."""
import torch
from matplotlib import pyplot as plt

CAUGHT_BY = {'figure_variant_marked'}


def plot_attention(weights, flank):
    fig, ax = plt.subplots()
    positions = torch.arange(-flank, flank + 1)
    ax.plot(positions.tolist(), torch.as_tensor(weights).tolist(), label="attention")
    ax.set_xlabel("position relative to the variant")
    ax.set_ylabel("attention weight")
    ax.legend()
    return fig
