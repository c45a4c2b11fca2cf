"""Mutant: the weights are sorted before drawing: the line no longer says which position
got which weight."""
import torch
from matplotlib import pyplot as plt

CAUGHT_BY = {'figure_weights'}


def plot_attention(weights, flank):
    fig, ax = plt.subplots()
    positions = torch.arange(-flank, flank + 1)
    ax.plot(positions.tolist(), torch.as_tensor(weights).sort().values.tolist(), label="attention")
    ax.axvline(0, color="red", linestyle="--", label="variant")
    ax.set_xlabel("position relative to the variant")
    ax.set_ylabel("attention weight")
    ax.legend()
    return fig
