"""Mutant: the figure draws the right line but has no axis labels and no title."""
import torch
from matplotlib import pyplot as plt

from reference.session01.ex06_translation_gc import translate_to_protein  # noqa: F401

CAUGHT_BY = {"gc_figure"}


def analyze_gc_content(sequence, window_size=100, step=50):
    upper = sequence.upper()
    starts = list(range(0, len(upper) - window_size + 1, step))
    fractions = [(upper[s:s + window_size].count("G") + upper[s:s + window_size].count("C"))
                 / window_size for s in starts]
    fig, ax = plt.subplots()
    ax.plot(starts, fractions)
    return torch.tensor(fractions, dtype=torch.float32), fig
