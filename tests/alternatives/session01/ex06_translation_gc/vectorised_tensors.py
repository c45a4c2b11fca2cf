"""Alternative: vectorised: codon indices 16*b1 + 4*b2 + b3 by numpy arithmetic on the bytes
(T, C, A, G = 0..3) into the 64-letter string, the first stop found with str.find; GC fractions
from a cumulative sum of a 0/1 tensor, no loop over windows."""
import numpy as np
import torch
from matplotlib import pyplot as plt


def translate_to_protein(dna_sequence):
    code = b"FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG" + b"X"  # row 64: unknown
    letters = np.frombuffer(code, dtype=np.uint8)
    lookup = np.full(256, -1, dtype=np.int64)
    for index, base in enumerate("TCAG"):
        lookup[ord(base)] = lookup[ord(base.lower())] = index
    n_codons = len(dna_sequence) // 3
    codes = lookup[np.frombuffer(dna_sequence.encode("ascii"), dtype=np.uint8)][: 3 * n_codons]
    codes = codes.reshape(n_codons, 3)
    rows = codes @ np.array([16, 4, 1])
    rows[(codes < 0).any(axis=1)] = 64  # any unknown base: X
    protein = letters[rows].tobytes().decode("ascii")
    stop = protein.find("*")
    return protein if stop < 0 else protein[:stop]


def analyze_gc_content(sequence, window_size=100, step=50):
    raw = torch.tensor(list(sequence.encode("ascii")), dtype=torch.int64)
    strong = torch.zeros(len(sequence), dtype=torch.int64)
    for letter in "GCgc":
        strong |= (raw == ord(letter)).long()
    running = torch.cat([torch.zeros(1, dtype=torch.int64), strong.cumsum(0)])
    starts = torch.arange(0, max(len(sequence) - window_size + 1, 0), step)
    gc = ((running[starts + window_size] - running[starts]).float() / window_size)
    fig, ax = plt.subplots()
    ax.plot(starts, gc, marker=".")
    ax.set_xlabel("Genomic position (window start)")
    ax.set_ylabel("GC fraction")
    ax.set_title(f"GC content, {window_size} bp windows")
    return gc, fig
