"""Data for session 7 (transformers and self-attention): small, seeded, synthetic DNA.

Every function draws from its own ``torch.Generator``, so it neither reads nor changes
the global random state. Sequences come as Python strings over A, C, G, T;
``encode_bases`` turns equal-length strings into the token ids a ``DNATransformer``
reads (``TOKENS``: A 0, C 1, G 2, T 3, N 4, so ``vocab_size=5``).

- ``random_dna``: uniform random DNA.
- ``motif_classification``: half the sequences hold a motif once (label 1), the others
  never (label 0): a classification task for ``DNATransformer``.
- ``kmer_corpus``: every sequence holds a motif once, starting at a multiple of ``k``,
  so that a non-overlapping k-mer tokenizer always cuts it into the same tokens: a
  masked language model can learn to fill in a masked motif token from the others.
- ``repeat_corpus``: a motif repeated end to end from a random phase: a causal model
  trained on it learns to continue the repeat.
"""
from __future__ import annotations

import torch

from coursekit.data.motifs import planted, random_bases

BASES = "ACGT"
TOKENS = "ACGTN"  # token ids of single bases: anything not in ACGT reads as N (4)
TATA_BOX = "TATAAAAG"
PROMOTER_MOTIF = "TATAAAAGGCCA"  # a TATA box and its flank: 4 codons of 3 bases
REPEAT_MOTIF = "GATTACA"


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def encode_bases(sequences: list[str]) -> torch.Tensor:
    """int64 ``[N, L]`` token ids of equal-length strings (A 0, C 1, G 2, T 3, any other
    letter, case-insensitively, 4 for N)."""
    lengths = {len(s) for s in sequences}
    if len(lengths) > 1:
        raise ValueError(f"encode_bases needs sequences of one length, got lengths {sorted(lengths)}")
    rows = [[TOKENS.find(b) if b in BASES else 4 for b in s.upper()] for s in sequences]
    return torch.tensor(rows, dtype=torch.int64).reshape(len(sequences), -1)


def decode_bases(tokens: torch.Tensor) -> list[str]:
    """The strings of ``[N, L]`` token ids (the inverse of ``encode_bases``)."""
    return ["".join(TOKENS[i] for i in row) for row in tokens.tolist()]


def random_dna(n: int, length: int, seed: int = 0) -> list[str]:
    """``n`` strings of ``length`` bases drawn uniformly from A, C, G, T."""
    g = _gen(seed)
    return [random_bases(length, g) for _ in range(n)]


def motif_classification(n: int = 256, length: int = 40, motif: str = TATA_BOX, seed: int = 0):
    """``(tokens, labels)``: int64 ``[n, length]`` token ids and int64 ``[n]`` labels;
    the first half (label 1) hold ``motif`` exactly once at a uniformly drawn start, the
    others (label 0) never hold it; shuffled together."""
    if length < len(motif):
        raise ValueError("length must fit the motif")
    sequences, labels, _ = planted([length] * n, motif, _gen(seed))
    return encode_bases(sequences), labels.long()


def kmer_corpus(n: int = 256, length: int = 48, motif: str = PROMOTER_MOTIF, k: int = 3,
                seed: int = 0) -> list[str]:
    """``n`` strings of ``length`` random bases, each holding ``motif`` once at a start
    drawn uniformly among the multiples of ``k`` that fit (``length`` and ``len(motif)``
    must be multiples of ``k``)."""
    if length % k or len(motif) % k or len(motif) > length:
        raise ValueError("length and the motif's length must be multiples of k, the motif must fit")
    g = _gen(seed)
    slots = (length - len(motif)) // k + 1
    corpus = []
    for _ in range(n):
        text = random_bases(length, g)
        start = k * int(torch.randint(0, slots, (1,), generator=g))
        corpus.append(text[:start] + motif + text[start + len(motif):])
    return corpus


def repeat_corpus(n: int = 64, length: int = 32, motif: str = REPEAT_MOTIF, seed: int = 0) -> list[str]:
    """``n`` strings of ``length`` bases: ``motif`` repeated end to end, each string
    starting at a phase drawn uniformly in ``0 .. len(motif) - 1``."""
    g = _gen(seed)
    reps = length // len(motif) + 2
    phases = torch.randint(0, len(motif), (n,), generator=g).tolist()
    return [(motif * reps)[p:p + length] for p in phases]
