"""Mutant: every CLNSIG that is not pathogenic is labelled benign (0): variants of
uncertain or conflicting significance become benign training examples."""
from reference.capstone1.ex01_windows import (  # noqa: F401
    BENIGN, PATHOGENIC, read_clinvar_vcf, split_by_chromosome, variant_windows)

CAUGHT_BY = {'labels'}


def clinical_label(clnsig):
    if clnsig in PATHOGENIC:
        return 1
    return 0
