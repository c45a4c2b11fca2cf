"""Mutant: windows start at every step up to the end of the sequence, so shorter
windows at the end are included (as fractions of their own length)."""
import torch
from matplotlib import pyplot as plt

from reference.session01.ex06_translation_gc import translate_to_protein  # noqa: F401

CAUGHT_BY = {"gc_windows", "gc_values"}


def analyze_gc_content(sequence, window_size=100, step=50):
    upper = sequence.upper()
    starts = list(range(0, len(upper), step))
    fractions = [(upper[s:s + window_size].count("G") + upper[s:s + window_size].count("C"))
                 / len(upper[s:s + window_size]) for s in starts]
    fig, ax = plt.subplots()
    ax.plot(starts, fractions)
    ax.set_xlabel("Position (bp)")
    ax.set_ylabel("GC content")
    ax.set_title("GC content")
    return torch.tensor(fractions, dtype=torch.float32), fig
