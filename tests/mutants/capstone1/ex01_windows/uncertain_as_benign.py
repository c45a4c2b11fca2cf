"""Mutant: every CLNSIG that is not pathogenic is labelled benign (0): variants of
uncertain or conflicting significance become benign training examples."""
import torch

CAUGHT_BY = {'labels'}

PATHOGENIC = {"Pathogenic", "Likely_pathogenic", "Pathogenic/Likely_pathogenic"}
BENIGN = {"Benign", "Likely_benign", "Benign/Likely_benign"}


def read_clinvar_vcf(path):
    variants = []
    with open(path) as vcf:
        for line in vcf:
            if line.startswith("#") or not line.strip():
                continue
            chrom, pos, _id, ref, alt, _qual, _filter, info = line.rstrip("\n").split("\t")[:8]
            fields = dict(item.split("=", 1) for item in info.split(";") if "=" in item)
            variants.append({"chrom": chrom, "pos": int(pos), "ref": ref, "alt": alt,
                             "clnsig": fields.get("CLNSIG", "")})
    return variants


def clinical_label(clnsig):
    if clnsig in PATHOGENIC:
        return 1
    return 0


def _one_hot(text):
    codes = torch.tensor(["ACGT".index(base) for base in text])
    return torch.nn.functional.one_hot(codes, 4).T.float()


def variant_windows(genome, variants, flank=20):
    refs, alts = [], []
    for v in variants:
        sequence = genome[v["chrom"]]
        centre = v["pos"] - 1
        if sequence[centre] != v["ref"]:
            raise ValueError(f"REF {v['ref']} does not match the genome at {v['chrom']}:{v['pos']}")
        window = sequence[centre - flank:centre + flank + 1]
        refs.append(_one_hot(window))
        alts.append(_one_hot(window[:flank] + v["alt"] + window[flank + 1:]))
    return torch.stack(refs), torch.stack(alts)


def split_by_chromosome(variants, test_chromosomes):
    held_out = set(test_chromosomes)
    train = [i for i, v in enumerate(variants) if v["chrom"] not in held_out]
    test = [i for i, v in enumerate(variants) if v["chrom"] in held_out]
    return train, test
