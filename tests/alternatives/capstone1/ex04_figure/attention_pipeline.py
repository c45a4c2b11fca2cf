"""Correct alternative: the positions are a numpy.arange(-flank, flank + 1) and the weights a float
numpy array (detached from any graph, moved to the CPU); the variant is marked with a two-point line
ax.plot([0, 0], [0, top]) from the bottom of the axis to the top of the weights instead of
ax.axvline, and the legend is built from the two line handles explicitly."""
import numpy as np
import torch
from matplotlib import pyplot as plt


def plot_attention(weights, flank):
    values = np.asarray(torch.as_tensor(weights).detach().cpu(), dtype=float).reshape(-1)
    positions = np.arange(-flank, flank + 1)
    fig, ax = plt.subplots()
    (curve,) = ax.plot(positions, values, label="attention")
    top = float(values.max()) if values.size else 1.0
    (mark,) = ax.plot([0, 0], [0.0, top], color="tab:red", linestyle=":", label="variant")
    ax.set_xlabel("position relative to the variant")
    ax.set_ylabel("attention weight")
    ax.legend(handles=[curve, mark])
    return fig
