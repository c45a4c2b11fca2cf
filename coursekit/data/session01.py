"""Data for session 1 (tensors and DNA encoding): small, seeded, genomics-flavoured.

Every function takes a ``seed`` and draws from its own ``torch.Generator``, so it
neither reads nor changes the global random state.
"""
from __future__ import annotations

import torch

BASES = "ACGT"


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _letters(indices: torch.Tensor, alphabet: str) -> list[str]:
    return ["".join(alphabet[i] for i in row) for row in indices.tolist()]


def random_dna(n: int, length: int, seed: int, alphabet: str = BASES) -> list[str]:
    """``n`` strings of ``length`` letters drawn uniformly from ``alphabet``."""
    return _letters(torch.randint(0, len(alphabet), (n, length), generator=_gen(seed)), alphabet)


def expression_matrix(num_genes: int = 1000, num_samples: int = 50, seed: int = 42) -> torch.Tensor:
    """Expression, genes x samples, float32: standard normal values, with the first
    ``num_genes // 10`` genes raised by 2 in the first half of the samples (a block of
    genes up in one condition)."""
    matrix = torch.randn(num_genes, num_samples, generator=_gen(seed))
    matrix[: num_genes // 10, : num_samples // 2] += 2.0
    return matrix


def binding_sites(motif: str, n: int = 40, mutation_rate: float = 0.15, seed: int = 0) -> list[str]:
    """``n`` aligned binding sites: copies of ``motif`` in which each position is
    replaced, with probability ``mutation_rate``, by a uniformly drawn base."""
    g = _gen(seed)
    mutate = torch.rand(n, len(motif), generator=g) < mutation_rate
    drawn = torch.randint(0, 4, (n, len(motif)), generator=g)
    sites = []
    for flags, bases in zip(mutate.tolist(), drawn.tolist()):
        sites.append("".join(BASES[b] if f else m for m, f, b in zip(motif, flags, bases)))
    return sites


def implant_motif(motif: str, length: int, position: int, seed: int = 0) -> str:
    """A random ``length``-base sequence with ``motif`` written at ``position``."""
    background = random_dna(1, length, seed)[0]
    return background[:position] + motif + background[position + len(motif):]


def gc_blocks(block_length: int = 150, gc_fractions=(0.3, 0.7, 0.4), seed: int = 0) -> str:
    """Consecutive blocks of ``block_length`` bases; in block ``i`` each base is G or C
    with probability ``gc_fractions[i]`` (an AT-rich region next to a GC-rich island)."""
    g = _gen(seed)
    blocks = []
    for fraction in gc_fractions:
        is_gc = torch.rand(block_length, generator=g) < fraction
        which = torch.randint(0, 2, (block_length,), generator=g)
        blocks.append("".join(("GC" if gc else "AT")[w] for gc, w in zip(is_gc.tolist(), which.tolist())))
    return "".join(blocks)
