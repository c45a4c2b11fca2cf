"""Data for session 5 (RNNs over variable-length sequences): small, seeded, synthetic.

Every function draws from its own ``torch.Generator``, so it neither reads nor changes
the global random state. Sequences come as Python strings (DNA over A, C, G, T;
proteins over the 20 amino acids in ``AMINO_ACIDS`` order); ``pad_one_hot`` and
``pad_indices`` turn a list of them into a padded batch and its lengths.
"""
from __future__ import annotations

import torch

from coursekit.data.motifs import planted

BASES = "ACGT"
AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY"
STRUCTURE_CLASSES = ("H", "E", "C")  # helix, strand, coil: labels 0, 1, 2
# Residues that favour each structure (Chou-Fasman-like, simplified).
_FAVOURED = {0: "AELMQKRH", 1: "VIYFWTC", 2: "GPNDS"}


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _lengths(n: int, min_length: int, max_length: int, g: torch.Generator) -> list[int]:
    return torch.randint(min_length, max_length + 1, (n,), generator=g).tolist()


def gc_class_dataset(n: int = 200, length: int = 30, seed: int = 0):
    """Fixed-length DNA, half GC-rich (each base G or C with probability 0.7) labelled 1.0,
    half AT-rich (G or C with probability 0.3) labelled 0.0, shuffled. Returns
    ``(sequences, labels)``: ``n`` strings and float32 ``[n]``."""
    g = _gen(seed)
    sequences, labels = [], []
    for i in range(n):
        rich = i < n // 2
        is_gc = torch.rand(length, generator=g) < (0.7 if rich else 0.3)
        pick = torch.randint(0, 2, (length,), generator=g)
        sequences.append("".join(("GC" if gc else "AT")[p] for gc, p in zip(is_gc.tolist(), pick.tolist())))
        labels.append(1.0 if rich else 0.0)
    order = torch.randperm(n, generator=g).tolist()
    return [sequences[i] for i in order], torch.tensor([labels[i] for i in order])


def motif_length_dataset(n: int = 200, min_length: int = 10, max_length: int = 40,
                         motif: str = "TATA", seed: int = 0):
    """Variable-length DNA: half the sequences (labelled 1.0) hold ``motif`` once at a
    uniformly drawn start, the others (0.0) never hold it. Returns ``(sequences, labels,
    starts)``: ``n`` strings, float32 ``[n]``, int64 ``[n]`` (-1 without the motif),
    shuffled together."""
    if min_length < len(motif):
        raise ValueError("min_length must fit the motif")
    g = _gen(seed)
    return planted(_lengths(n, min_length, max_length, g), motif, g)


def protein_structure_dataset(n: int = 200, min_length: int = 20, max_length: int = 60, seed: int = 0):
    """Synthetic proteins with a secondary-structure label per residue (0 H, 1 E, 2 C).

    Each protein is a run of segments (helix 6-12 residues, strand 4-8, coil 2-6, in a
    random order with no two equal classes in a row); each residue is drawn with
    probability 0.75 from the residues its segment's class favours and otherwise from
    all 20. Returns ``(sequences, labels)``: ``n`` strings and a list of ``n`` int64
    tensors, one label per residue.
    """
    g = _gen(seed)
    spans = {0: (6, 12), 1: (4, 8), 2: (2, 6)}
    sequences, labels = [], []
    for length in _lengths(n, min_length, max_length, g):
        residues, classes, previous = [], [], -1
        while len(residues) < length:
            kind = int(torch.randint(0, 3, (1,), generator=g))
            if kind == previous:
                continue
            previous = kind
            low, high = spans[kind]
            for _ in range(int(torch.randint(low, high + 1, (1,), generator=g))):
                pool = _FAVOURED[kind] if float(torch.rand(1, generator=g)) < 0.75 else AMINO_ACIDS
                residues.append(pool[int(torch.randint(0, len(pool), (1,), generator=g))])
                classes.append(kind)
        sequences.append("".join(residues[:length]))
        labels.append(torch.tensor(classes[:length], dtype=torch.int64))
    return sequences, labels


def pad_one_hot(sequences: list[str], alphabet: str = BASES):
    """``(batch, lengths)``: float32 ``[B, L_max, len(alphabet)]`` (batch first; a letter
    outside the alphabet and the padding after each sequence are all-zero rows) and
    int64 ``[B]`` lengths."""
    lengths = torch.tensor([len(s) for s in sequences], dtype=torch.int64)
    batch = torch.zeros(len(sequences), int(lengths.max()) if len(sequences) else 0, len(alphabet))
    for row, text in enumerate(sequences):
        for position, letter in enumerate(text.upper()):
            column = alphabet.find(letter)
            if column >= 0:
                batch[row, position, column] = 1.0
    return batch, lengths


def pad_indices(sequences: list[str], alphabet: str = AMINO_ACIDS, padding_value: int = 0):
    """``(batch, lengths)``: int64 ``[B, L_max]`` of each letter's index in ``alphabet``,
    ``padding_value`` after each sequence's end, and int64 ``[B]`` lengths."""
    lengths = torch.tensor([len(s) for s in sequences], dtype=torch.int64)
    batch = torch.full((len(sequences), int(lengths.max()) if len(sequences) else 0), padding_value,
                       dtype=torch.int64)
    for row, text in enumerate(sequences):
        batch[row, :len(text)] = torch.tensor([alphabet.index(c) for c in text], dtype=torch.int64)
    return batch, lengths
