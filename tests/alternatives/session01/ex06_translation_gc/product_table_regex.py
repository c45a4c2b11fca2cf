"""Alternative: the code table from itertools.product in a dict comprehension, codons cut by a
regular expression and read with itertools.takewhile; GC windows counted with re.findall and
the figure built from matplotlib.figure.Figure (no pyplot)."""
import itertools
import re

import torch
from matplotlib.figure import Figure


def _standard_code():
    letters = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG"
    return {"".join(triplet): aa for triplet, aa in zip(itertools.product("TCAG", repeat=3), letters)}


def translate_to_protein(dna_sequence):
    code = _standard_code()
    codons = re.findall(r"...", dna_sequence.upper(), flags=re.DOTALL)  # leftover bases never match
    residues = (code.get(codon, "X") for codon in codons)
    return "".join(itertools.takewhile(lambda aa: aa != "*", residues))


def analyze_gc_content(sequence, window_size=100, step=50):
    positions = range(0, len(sequence) - window_size + 1, step)
    values = torch.tensor([len(re.findall("[GCgc]", sequence[p:p + window_size])) / window_size
                           for p in positions], dtype=torch.float32)
    fig = Figure(figsize=(7, 3))
    ax = fig.add_subplot()
    ax.plot(list(positions), values.numpy(), "s-", color="tab:green")
    ax.axhline(0.5, color="grey", linestyle=":")
    ax.set(xlabel="Position of the window start", ylabel="GC", title="Sliding-window GC content")
    return values, fig
