"""Mutant: the window is centred on sequence[pos] (POS used as a 0-based index): every
window is shifted one base, the variant's base is not at the centre."""
import torch

from reference.capstone1.ex01_windows import (  # noqa: F401
    BENIGN, PATHOGENIC, _one_hot, clinical_label, read_clinvar_vcf, split_by_chromosome)

CAUGHT_BY = {'windows_match'}


def variant_windows(genome, variants, flank=20):
    refs, alts = [], []
    for v in variants:
        sequence = genome[v["chrom"]]
        centre = v["pos"]
        window = sequence[centre - flank:centre + flank + 1]
        refs.append(_one_hot(window))
        alts.append(_one_hot(window[:flank] + v["alt"] + window[flank + 1:]))
    return torch.stack(refs), torch.stack(alts)
