"""Mutant: POS stored 0-based (int(POS) - 1), as if a VCF counted from 0 like Python:
every variant is reported one base to the left of where the file puts it."""
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
            fields = dict(item.split("=", 1) for item in info.split(";") if "=" in item)
            variants.append({"chrom": chrom, "pos": int(pos) - 1, "ref": ref, "alt": alt,
                             "clnsig": fields.get("CLNSIG", "")})
    return variants
