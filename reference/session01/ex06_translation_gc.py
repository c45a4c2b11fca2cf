"""Reference solution: session 1, exercise 6 (translation and GC content)."""
import torch
from matplotlib import pyplot as plt


def _codon_table() -> dict[str, str]:
    """The standard genetic code (NCBI table 1): codon -> one-letter amino acid, '*' for stop."""
    amino_acids = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG"
    bases = "TCAG"
    codons = [first + second + third for first in bases for second in bases for third in bases]
    return dict(zip(codons, amino_acids))


def translate_to_protein(dna_sequence: str) -> str:
    table = _codon_table()
    sequence = dna_sequence.upper()
    protein = []
    for start in range(0, len(sequence) - 2, 3):
        amino_acid = table.get(sequence[start:start + 3], "X")
        if amino_acid == "*":
            break
        protein.append(amino_acid)
    return "".join(protein)


def analyze_gc_content(sequence: str, window_size: int = 100, step: int = 50):
    upper = sequence.upper()
    starts = list(range(0, len(upper) - window_size + 1, step))
    fractions = []
    for start in starts:
        end = start + window_size
        fractions.append((upper.count("G", start, end) + upper.count("C", start, end)) / window_size)
    gc_fractions = torch.tensor(fractions, dtype=torch.float32)

    fig, ax = plt.subplots(figsize=(8, 3.5))
    ax.plot(starts, gc_fractions.tolist(), marker="o")
    ax.set_xlabel("Window start position (bp)")
    ax.set_ylabel("GC fraction")
    ax.set_title(f"GC content in {window_size}-bp windows, step {step}")
    ax.grid(alpha=0.3)
    return gc_fractions, fig
