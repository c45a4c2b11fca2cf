"""Mutant: the alternate window is the reference window: ALT is never written at the
centre, so no model can see what the variant changes."""
import torch

from reference.capstone1.ex01_windows import (  # noqa: F401
    BENIGN, PATHOGENIC, _one_hot, clinical_label, read_clinvar_vcf, split_by_chromosome)

CAUGHT_BY = {'windows_match'}


def variant_windows(genome, variants, flank=20):
    refs, alts = [], []
    for v in variants:
        sequence = genome[v["chrom"]]
        centre = v["pos"] - 1
        if sequence[centre] != v["ref"]:
            raise ValueError(f"REF {v['ref']} does not match the genome at {v['chrom']}:{v['pos']}")
        window = sequence[centre - flank:centre + flank + 1]
        refs.append(_one_hot(window))
        alts.append(_one_hot(window))
    return torch.stack(refs), torch.stack(alts)
