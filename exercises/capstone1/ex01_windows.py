"""Capstone 1, module 1: variants from a ClinVar-like VCF, their clinical labels, sequence windows, and a
split by chromosome.

Genomics context
----------------
Most of the human genome's variants are of unknown effect. ClinVar collects the ones clinicians have
classified (pathogenic, benign, or uncertain); a model that reads the DNA around a variant and learns
which changes matter can help with the rest. This capstone builds such a predictor on a simulated
genome whose functional elements are known: promoter motifs (TATA-box, CCAAT-box, GC-box, E-box) and
splice donors. A pathogenic variant breaks an element; a benign one does not, even when it lies right
beside one. Two classic mistakes make such models look better than they are, and the graders look for
both: reading VCF positions as 0-based, and judging a model on chromosomes it was trained on (nearby
variants share their sequence, so a random split leaks).

How the capstone is graded
--------------------------
Four modules, one pipeline, 30 points: 11 on the parts (each checked against the graders' own
computations and fed the graders' own inputs, so a broken module costs only its own points), 4 on the
figure (module 4) and 15 on outcomes (module 3): the graders build your module 2's model on the kit's
pretrained trunk, train it with your module 3 and measure its AUC on chromosomes it never saw (3 points
public; 8 on a hidden twin with a seed you never see), whether pretraining helps, and where its attention
looks. The modules never import each other: each defines what it uses (in the notebook they share one
namespace, so give helpers names of their own in each module).

Data (``coursekit.data.capstone1``)
-----------------------------------
``simulated_genome(seed)`` returns ``sequences`` (a dict from ``"chr1"`` .. ``"chr6"`` to DNA strings of
3,000 uppercase bases) and ``elements`` (each with ``chrom``, ``start`` (0-based), ``name`` and
``sequence``). ``write_clinvar_vcf(path, genome, seed)`` writes a VCF 4.2 file: ``##`` meta lines, one
``#CHROM`` header line, then one tab-separated line per variant: ``CHROM POS ID REF ALT QUAL FILTER
INFO``, with ``POS`` **1-based** (the first base of a chromosome is position 1) and ``INFO`` a list of
``KEY=VALUE`` pairs separated by ``;``, e.g. ``ALLELEID=100001;CLNSIG=Likely_pathogenic;GENEINFO=GENE1:2001``
(``CLNSIG`` is not the first key). Every variant is a single base: ``REF`` and ``ALT`` one letter each.

Task 1: ``read_clinvar_vcf(path)``
---------------------------------
A list with one dict per variant line, in the file's order: ``{"chrom": str, "pos": int (1-based, as in
the file), "ref": str, "alt": str, "clnsig": str}`` (``clnsig`` the value of ``CLNSIG`` in ``INFO``, ``""``
where there is none). Lines starting with ``#`` are headers.

Task 2: ``clinical_label(clnsig)``
---------------------------------
``1`` for ``Pathogenic``, ``Likely_pathogenic`` and ``Pathogenic/Likely_pathogenic``; ``0`` for ``Benign``,
``Likely_benign`` and ``Benign/Likely_benign``; ``None`` for anything else (``Uncertain_significance``,
``Conflicting_interpretations_of_pathogenicity``, ``not_provided``, ``""``): those variants are dropped,
never counted as benign (an uncertain variant is not known to be harmless).

Task 3: ``variant_windows(genome, variants, flank=20)``
------------------------------------------------------
``genome``: the dict of sequences; ``variants``: dicts as task 1 returns them. Returns ``(ref, alt)``, each
float32 ``[N, 4, 2 * flank + 1]`` one-hot (rows A, C, G, T, as in session 4): for a variant at ``pos``,
the bases of its chromosome from ``pos - flank`` to ``pos + flank`` (1-based, both included), i.e. the
Python slice ``sequence[pos - 1 - flank : pos + flank]``; ``alt`` is the same window with its centre
(index ``flank``) replaced by ``ALT``. So ``ref`` and ``alt`` differ at the centre only. (The graders'
variants lie at least ``flank`` bases from either end of their chromosome.)

Task 4: ``split_by_chromosome(variants, test_chromosomes)``
----------------------------------------------------------
``(train, test)``: two lists of indices into ``variants``, in order: those whose ``chrom`` is not in
``test_chromosomes``, then those whose ``chrom`` is. No chromosome is in both.

What the graders check
----------------------
- ``vcf_parsing`` (1): VCFs the kit writes (seeds 0 and 3, 540 variants each) read into dicts equal to
  the kit's own variants (chrom, 1-based pos as an int, ref, alt, clnsig), in order;
- ``labels`` (1): the mapping above for each of the nine values and ``""``, the same type (int or None);
- ``windows_match`` (2): 60 variants of ``write_clinvar_vcf(path, simulated_genome(0), 0)`` with the
  default flank (windows of 41) and with ``flank=5``: float32 ``[60, 4, 2 flank + 1]``, each equal to the
  one-hot of the graders' own string slices, ref and alt differing at the centre only;
- ``chromosome_split`` (1): 20 generated sets of 40 variants on six chromosomes, 1-3 of them held out:
  exactly the graders' ``(train, test)`` index lists.
"""
import torch  # noqa: F401


def read_clinvar_vcf(path):
    # TODO (task 1): one dict per variant line: chrom, pos (int, 1-based), ref, alt, clnsig from INFO
    raise NotImplementedError("read_clinvar_vcf")


def clinical_label(clnsig):
    # TODO (task 2): 1 (likely) pathogenic, 0 (likely) benign, None otherwise
    raise NotImplementedError("clinical_label")


def variant_windows(genome, variants, flank=20):
    # TODO (task 3): one-hot windows of the reference and of the alternate allele, [N, 4, 2 * flank + 1]
    raise NotImplementedError("variant_windows")


def split_by_chromosome(variants, test_chromosomes):
    # TODO (task 4): (train indices, test indices), no chromosome in both
    raise NotImplementedError("split_by_chromosome")
