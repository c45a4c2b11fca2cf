"""Graders: capstone 1, module 1 (reading a ClinVar-like VCF, clinical labels, ref and alt windows, a split
by chromosome), checked against the kit's own variants and plain string slices."""
import tempfile
from pathlib import Path

import torch
from hypothesis import strategies as st

from coursekit import checks as ck
from coursekit.checks.variants import FLANK, window
from coursekit.data.capstone1 import BENIGN, PATHOGENIC, UNCERTAIN, simulated_genome, write_clinvar_vcf
from coursekit.data.motifs import one_hot_sequence

VCF_HINT = ("read_clinvar_vcf(path): skip lines starting with '#'; split each line on tabs: CHROM, POS, "
            "ID, REF, ALT, QUAL, FILTER, INFO; pos = int(POS) (1-based, as in the file); CLNSIG from "
            "INFO's key=value pairs separated by ';'")
LABEL_HINT = ("clinical_label(clnsig): 1 for Pathogenic, Likely_pathogenic, Pathogenic/Likely_pathogenic; "
              "0 for Benign, Likely_benign, Benign/Likely_benign; None for anything else (uncertain or "
              "conflicting significance, not provided): those variants are dropped, never counted as benign")
WINDOW_HINT = ("variant_windows(genome, variants, flank): centre = pos - 1 (POS is 1-based); the bases "
               "genome[chrom][centre - flank : centre + flank + 1] one-hot [4, 2 flank + 1] (rows A, C, "
               "G, T); alt: the same with the centre replaced by ALT; stacked to [N, 4, 2 flank + 1] float32")
SPLIT_HINT = ("split_by_chromosome(variants, test_chromosomes): the indices of variants on other "
              "chromosomes (train), then of those on the test chromosomes (test), each in the variants' "
              "order")
SPLITS = st.tuples(st.integers(0, 2**31 - 1), st.integers(1, 3))


def _read(sol, seed):
    genome = simulated_genome(seed)
    with tempfile.TemporaryDirectory(prefix="capstone1_vcf_") as folder:
        path = Path(folder) / f"variants_{seed}.vcf"
        truth = write_clinvar_vcf(path, genome, seed)
        found = ck.call(sol.read_clinvar_vcf, str(path), hint=VCF_HINT,
                        what=f"read_clinvar_vcf(a VCF of {len(truth)} variants)")
    return genome, truth, found


def test_vcf_parsing(sol):
    for seed in (0, 3):
        _, truth, found = _read(sol, seed)
        size = len(found) if hasattr(found, "__len__") else "?"
        ck.expect(isinstance(found, list) and len(found) == len(truth), "read_clinvar_vcf to return a list "
                  f"of {len(truth)} dicts, one per variant line", f"{type(found).__name__} of {size}",
                  VCF_HINT)
        for v, f in zip(truth, found):
            want = {"chrom": v.chrom, "pos": v.pos, "ref": v.ref, "alt": v.alt, "clnsig": v.clnsig}
            got = {k: f.get(k) for k in want} if isinstance(f, dict) else f
            ck.expect(got == want, "read_clinvar_vcf: each variant as {'chrom', 'pos' (int, 1-based as in "
                      "the file), 'ref', 'alt', 'clnsig'}", f"{got!r} where {want!r} was expected", VCF_HINT)


def test_labels(sol):
    for clnsig, wanted in [*((c, 1) for c in PATHOGENIC), *((c, 0) for c in BENIGN),
                           *((c, None) for c in UNCERTAIN), ("", None)]:
        found = ck.call(sol.clinical_label, clnsig, what=f"clinical_label({clnsig!r})", hint=LABEL_HINT)
        ck.expect(found == wanted and type(found) is type(wanted),
                  f"clinical_label({clnsig!r}) == {wanted!r}", repr(found), LABEL_HINT)


def test_windows_match(sol):
    genome, truth, _ = _read(sol, 0)
    variants = [{"chrom": v.chrom, "pos": v.pos, "ref": v.ref, "alt": v.alt, "clnsig": v.clnsig}
                for v in truth[:60]]
    for flank in (FLANK, 5):
        what = f"variant_windows(genome, 60 variants, flank={flank})"
        kwargs = {} if flank == FLANK else {"flank": flank}
        found = ck.call(sol.variant_windows, dict(genome.sequences), [dict(v) for v in variants], what=what,
                        hint=WINDOW_HINT, **kwargs)
        ck.expect(isinstance(found, tuple) and len(found) == 2, f"{what} to return (ref, alt)",
                  type(found).__name__, WINDOW_HINT)
        ref, alt = found
        width = 2 * flank + 1
        for name, value in (("ref", ref), ("alt", alt)):
            ck.expect_tensor(value, f"{what}: {name}", (60, 4, width), torch.float32, hint=WINDOW_HINT)
        for i, v in enumerate(variants):
            text = window(genome.sequences[v["chrom"]], v["pos"], flank)
            trusted_alt = text[:flank] + v["alt"] + text[flank + 1:]
            same = (torch.equal(ref[i], one_hot_sequence(text))
                    and torch.equal(alt[i], one_hot_sequence(trusted_alt)))
            ck.expect(same, f"{what}: variant {i} ({v['chrom']}:{v['pos']} {v['ref']}>{v['alt']}), ref the "
                      f"genome's bases from POS - {flank} to POS + {flank} (1-based POS), alt the same "
                      "with ALT at the centre", "other windows", WINDOW_HINT)
        differ = (ref != alt).any(dim=1)
        elsewhere = bool(differ[:, :flank].any() or differ[:, flank + 1:].any())
        ck.expect(bool(differ[:, flank].all()) and not elsewhere,
                  f"{what}: ref and alt differ at the centre only", "they differ elsewhere", WINDOW_HINT)


def test_chromosome_split(sol):
    chroms = ("chr1", "chr2", "chr3", "chr4", "chr5", "chr6")

    def case(c):
        seed, n_test = c
        g = torch.Generator().manual_seed(seed)
        variants = [{"chrom": chroms[int(k)], "pos": 100 + i, "ref": "A", "alt": "C", "clnsig": "Benign"}
                    for i, k in enumerate(torch.randint(0, 6, (40,), generator=g))]
        test_chroms = [chroms[int(k)] for k in torch.randperm(6, generator=g)[:n_test]]
        found = ck.call(sol.split_by_chromosome, [dict(v) for v in variants], list(test_chroms),
                        what=f"split_by_chromosome(40 variants, {test_chroms})", hint=SPLIT_HINT)
        train = [i for i, v in enumerate(variants) if v["chrom"] not in test_chroms]
        test = [i for i, v in enumerate(variants) if v["chrom"] in test_chroms]
        pair = isinstance(found, tuple) and len(found) == 2
        got = tuple(list(map(int, part)) for part in found) if pair else found
        ck.expect(got == (train, test), f"split_by_chromosome(40 variants, {test_chroms}): (train indices, "
                  "test indices), no chromosome in both", repr(got)[:200], SPLIT_HINT)

    ck.for_all(SPLITS, case, max_examples=20)
