"""Mutant: the axis labels are swapped."""
import torch
from matplotlib import pyplot as plt

CAUGHT_BY = {'figure_variant_marked'}


def plot_attention(weights, flank):
    fig, ax = plt.subplots()
    positions = torch.arange(-flank, flank + 1)
    ax.plot(positions.tolist(), torch.as_tensor(weights).tolist(), label="attention")
    ax.axvline(0, color="red", linestyle="--", label="variant")
    ax.set_xlabel("attention weight")
    ax.set_ylabel("position relative to the variant")
    ax.legend()
    return fig
