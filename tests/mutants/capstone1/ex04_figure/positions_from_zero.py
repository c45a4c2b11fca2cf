"""Mutant: the weights are drawn against 0 .. 2 flank instead of -flank .. flank: the
variant is not at 0."""
import torch
from matplotlib import pyplot as plt

CAUGHT_BY = {'figure_weights'}


def plot_attention(weights, flank):
    fig, ax = plt.subplots()
    positions = torch.arange(0, 2 * flank + 1)
    ax.plot(positions.tolist(), torch.as_tensor(weights).tolist(), label="attention")
    ax.axvline(0, color="red", linestyle="--", label="variant")
    ax.set_xlabel("position relative to the variant")
    ax.set_ylabel("attention weight")
    ax.legend()
    return fig
