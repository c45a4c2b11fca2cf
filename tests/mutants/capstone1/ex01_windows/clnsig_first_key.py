"""Mutant: CLNSIG read as the first key of INFO (info.split(';')[0]): in ClinVar's
files, and the kit's, ALLELEID comes first."""
from reference.capstone1.ex01_windows import (  # noqa: F401
    BENIGN, PATHOGENIC, clinical_label, split_by_chromosome, variant_windows)

CAUGHT_BY = {'vcf_parsing'}


def read_clinvar_vcf(path):
    variants = []
    with open(path) as vcf:
        for line in vcf:
            if line.startswith("#") or not line.strip():
                continue
            chrom, pos, _id, ref, alt, _qual, _filter, info = line.rstrip("\n").split("\t")[:8]
            variants.append({"chrom": chrom, "pos": int(pos), "ref": ref, "alt": alt,
                             "clnsig": info.split(";")[0].split("=", 1)[-1]})
    return variants
