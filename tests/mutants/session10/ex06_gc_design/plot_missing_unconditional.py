"""Mutant: the figure draws only the two guided distributions (high and low GC), leaving out the
unconditional designs they are to be compared with."""
import torch
from matplotlib import pyplot as plt

from reference.session10.ex06_gc_design import (  # noqa: F401
    ConditionalDenoiser, decode_dna, design, gc_content, linear_betas, sample_guided, time_embedding,
    to_model_space, train_gc_model)

CAUGHT_BY = {"plot_gc"}


def plot_gc(gc_unconditional, gc_high, gc_low):
    fig, ax = plt.subplots()
    for values, label in ((gc_high, "guided to high GC"), (gc_low, "guided to low GC")):
        ordered = torch.sort(values.double()).values
        ax.step(ordered.tolist(), (torch.arange(1, len(ordered) + 1) / len(ordered)).tolist(), where="post",
                label=label)
    ax.set_xlabel("GC content")
    ax.set_ylabel("cumulative fraction")
    ax.legend()
    return fig
