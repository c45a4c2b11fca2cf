"""Mutant: the split takes every fourth variant as test, whatever its chromosome: the test
set shares chromosomes (and overlapping windows) with training."""
from reference.capstone1.ex01_windows import (  # noqa: F401
    BENIGN, PATHOGENIC, clinical_label, read_clinvar_vcf, variant_windows)

CAUGHT_BY = {'chromosome_split'}


def split_by_chromosome(variants, test_chromosomes):
    train = [i for i in range(len(variants)) if i % 4]
    test = [i for i in range(len(variants)) if i % 4 == 0]
    return train, test
