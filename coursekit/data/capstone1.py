"""Data for capstone 1 (variant effects): a simulated genome with planted elements, a ClinVar-like
VCF of variants, and a convolutional trunk the kit pretrains to recognise the elements.

Every generator draws from its own ``torch.Generator``, never from the global random state.

- ``simulated_genome(seed)``: six chromosomes of random DNA (GC 0.41), each holding 24 planted
  elements: the four promoter motifs of session 6 (TATA-box, CCAAT-box, GC-box, E-box) and a
  splice donor (``CAGGTAAGT``: the end of an exon, then the start of an intron).
- ``write_clinvar_vcf(path, genome, seed)``: a VCF 4.2 file, one line per variant, sorted, ``POS``
  1-based as every VCF is, ``CLNSIG`` among other keys of ``INFO`` as in ClinVar's own file.
  Pathogenic variants change a base of an element (they break it); benign ones lie outside every
  element, half of them within 12 bases of one (so that a window holding an element is not enough:
  what matters is whether the ALT allele breaks it). A share of the labels is flipped (ClinVar's
  own noise), and some variants are of uncertain or conflicting significance.
- ``pretrained_trunk()``: ``nn.Sequential(nn.Conv1d(4, 32, 9, padding=4), nn.ReLU())``, trained by
  the kit (about a second, on first use in a process) to tell the five elements and background
  apart; each call returns an independent copy.
"""
from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import NamedTuple

import torch
from torch import nn

from coursekit.data.motifs import BASES, one_hot_codes
from coursekit.data.training import train_classifier

CHROMOSOMES = ("chr1", "chr2", "chr3", "chr4", "chr5", "chr6")
CHROM_LENGTH = 3000
ELEMENTS = {"TATA-box": "TATAAAAG", "CCAAT-box": "GGCCAATC", "GC-box": "GGGGCGGG",
            "E-box": "CCACGTGG", "splice-donor": "CAGGTAAGT"}
PER_CHROMOSOME = 24  # planted elements
GC = 0.41
PATHOGENIC = ("Pathogenic", "Likely_pathogenic", "Pathogenic/Likely_pathogenic")
BENIGN = ("Benign", "Likely_benign", "Benign/Likely_benign")
UNCERTAIN = ("Uncertain_significance", "Conflicting_interpretations_of_pathogenicity", "not_provided")
FLIP = 0.06  # share of labelled variants whose CLNSIG says the opposite
NEAR = 12  # a "near" benign variant lies 1 to NEAR bases outside an element


class Element(NamedTuple):
    chrom: str
    start: int  # 0-based
    name: str
    sequence: str


class Genome(NamedTuple):
    sequences: dict  # chromosome -> DNA string
    elements: list  # Element, sorted by chromosome and start


class Variant(NamedTuple):
    chrom: str
    pos: int  # 1-based, as in the VCF
    ref: str
    alt: str
    clnsig: str
    breaks: bool  # the truth: the variant changes a base of an element


def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _random_dna(length: int, g: torch.Generator) -> list:
    strong = torch.rand(length, generator=g) < GC
    pick = torch.randint(0, 2, (length,), generator=g)
    return [BASES[i] for i in torch.where(strong, 1 + pick, 3 * pick).tolist()]


def simulated_genome(seed: int = 0) -> Genome:
    """Six chromosomes of ``CHROM_LENGTH`` bases, ``PER_CHROMOSOME`` elements each (names drawn
    uniformly), at least 40 bases apart and 40 from either end. A fresh dict and list each call."""
    genome = _genome(seed)
    return Genome(dict(genome.sequences), list(genome.elements))


@functools.cache
def _genome(seed: int) -> Genome:
    g = _gen(seed)
    names = list(ELEMENTS)
    sequences, elements = {}, []
    for chrom in CHROMOSOMES:
        bases = _random_dna(CHROM_LENGTH, g)
        slots = torch.randperm((CHROM_LENGTH - 80) // 60, generator=g)[:PER_CHROMOSOME].sort().values
        for slot in slots.tolist():
            start = 40 + slot * 60 + int(torch.randint(0, 20, (1,), generator=g))
            name = names[int(torch.randint(0, len(names), (1,), generator=g))]
            bases[start:start + len(ELEMENTS[name])] = list(ELEMENTS[name])
            elements.append(Element(chrom, start, name, ELEMENTS[name]))
        sequences[chrom] = "".join(bases)
    return Genome(sequences, elements)


def _other_base(base: str, g: torch.Generator) -> str:
    others = [b for b in BASES if b != base]
    return others[int(torch.randint(0, 3, (1,), generator=g))]


def clinvar_like_variants(genome: Genome, seed: int = 0, per_chromosome: int = 40) -> list:
    """The variants ``write_clinvar_vcf`` writes, sorted by chromosome and position: per chromosome
    ``per_chromosome`` that break an element, as many benign ones (half near an element) and a
    quarter as many of uncertain significance; then a share ``FLIP`` of the labelled ones flipped."""
    g = _gen(seed)
    found = []
    for chrom in CHROMOSOMES:
        sequence = genome.sequences[chrom]
        mine = [e for e in genome.elements if e.chrom == chrom]
        inside = {e.start + k for e in mine for k in range(len(e.sequence))}
        used = set()

        def add(position: int, clnsig: str, breaks: bool) -> None:
            used.add(position)
            ref = sequence[position]
            found.append(Variant(chrom, position + 1, ref, _other_base(ref, g), clnsig, breaks))

        while sum(v.chrom == chrom and v.breaks for v in found) < per_chromosome:
            element = mine[int(torch.randint(0, len(mine), (1,), generator=g))]
            position = element.start + int(torch.randint(0, len(element.sequence), (1,), generator=g))
            if position not in used:
                add(position, PATHOGENIC[int(torch.randint(0, 3, (1,), generator=g))], True)
        near = 0
        while near < per_chromosome // 2:
            element = mine[int(torch.randint(0, len(mine), (1,), generator=g))]
            offset = 1 + int(torch.randint(0, NEAR, (1,), generator=g))
            side = int(torch.randint(0, 2, (1,), generator=g))
            end = element.start + len(element.sequence) - 1
            position = element.start - offset if side == 0 else end + offset
            if position not in used and position not in inside:
                add(position, BENIGN[int(torch.randint(0, 3, (1,), generator=g))], False)
                near += 1
        far = 0
        while far < per_chromosome - per_chromosome // 2:
            position = 25 + int(torch.randint(0, CHROM_LENGTH - 50, (1,), generator=g))
            if position not in used and all(abs(position - k) > NEAR for k in inside):
                add(position, BENIGN[int(torch.randint(0, 3, (1,), generator=g))], False)
                far += 1
        uncertain = 0
        while uncertain < per_chromosome // 4:
            position = 25 + int(torch.randint(0, CHROM_LENGTH - 50, (1,), generator=g))
            if position not in used:
                add(position, UNCERTAIN[int(torch.randint(0, 3, (1,), generator=g))], position in inside)
                uncertain += 1
    flipped = []
    for variant in found:
        if variant.clnsig not in UNCERTAIN and float(torch.rand((), generator=g)) < FLIP:
            opposite = BENIGN if variant.clnsig in PATHOGENIC else PATHOGENIC
            variant = variant._replace(clnsig=opposite[int(torch.randint(0, 3, (1,), generator=g))])
        flipped.append(variant)
    return sorted(flipped, key=lambda v: (CHROMOSOMES.index(v.chrom), v.pos))


def write_clinvar_vcf(path, genome: Genome, seed: int = 0, per_chromosome: int = 40) -> list:
    """Write ``clinvar_like_variants(genome, seed, per_chromosome)`` as a VCF at ``path`` and
    return them. ``INFO`` holds ``ALLELEID``, ``CLNSIG`` and ``GENEINFO`` in that order."""
    lines = ["##fileformat=VCFv4.2", "##source=coursekit simulated ClinVar-like variants",
             '##INFO=<ID=ALLELEID,Number=1,Type=Integer,Description="the variant\'s allele id">',
             '##INFO=<ID=CLNSIG,Number=.,Type=String,Description="clinical significance">',
             '##INFO=<ID=GENEINFO,Number=1,Type=String,Description="gene symbol:gene id">',
             *(f"##contig=<ID={c},length={CHROM_LENGTH}>" for c in CHROMOSOMES),
             "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"]
    variants = clinvar_like_variants(genome, seed, per_chromosome)
    for k, v in enumerate(variants):
        info = f"ALLELEID={100000 + k};CLNSIG={v.clnsig};GENEINFO=GENE{1 + v.pos // 500}:{2000 + k}"
        lines.append(f"{v.chrom}\t{v.pos}\t{k + 1}\t{v.ref}\t{v.alt}\t.\t.\t{info}")
    Path(path).write_text("\n".join(lines) + "\n")
    return variants


def _element_windows(n: int, length: int, seed: int):
    """``n`` windows of ``length`` bases: class 0 background, class 1 + k holding element k."""
    g = _gen(seed)
    names = list(ELEMENTS)
    labels = torch.arange(n) % (len(names) + 1)
    codes = torch.zeros(n, length, dtype=torch.int64)
    for row, label in enumerate(labels.tolist()):
        bases = _random_dna(length, g)
        if label:
            site = ELEMENTS[names[label - 1]]
            start = int(torch.randint(0, length - len(site) + 1, (1,), generator=g))
            bases[start:start + len(site)] = list(site)
        codes[row] = torch.tensor([BASES.index(b) for b in bases])
    return one_hot_codes(codes), labels


class _ElementCNN(nn.Module):
    """The trunk, then the strongest response of each filter anywhere, then the element's class."""

    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Conv1d(4, 32, 9, padding=4), nn.ReLU())
        self.head = nn.Linear(32, len(ELEMENTS) + 1)

    def forward(self, x):
        return self.head(self.trunk(x).amax(dim=2))


@functools.cache
def _pretrained() -> nn.Sequential:
    x, y = _element_windows(1200, 41, seed=11)
    return train_classifier(_ElementCNN, x, y, epochs=6, batch_size=32, lr=0.01, seed=11).trunk


def warm_cache() -> None:
    """Train the trunk now (a grading worker calls this before it forks)."""
    _pretrained()


def pretrained_trunk() -> nn.Sequential:
    """A copy of the kit's pretrained trunk: ``Conv1d(4, 32, 9, padding=4)`` then ``ReLU``,
    ``[N, 4, L]`` -> ``[N, 32, L]`` (1,184 parameters), in eval mode."""
    return copy.deepcopy(_pretrained())
